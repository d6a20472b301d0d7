import { ITerraformDependable, TerraformStack, Token } from 'cdktf';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { Construct } from 'constructs';
import { hclString } from '../core/hcl';
import { ServiceAccountRef } from '../core/kubernetes-refs';
import { isDnsLabel, PropValidator } from '../core/validation';

/**
 * What Vault's `seal "azurekeyvault"` stanza needs, as Terraform references.
 * `AutoUnsealKeyVault` (lib/keyvault) implements it; anything else that owns
 * an Azure Key Vault key and an identity allowed to wrap with it can too.
 */
export interface AzureKeyVaultSealSource {
  /** Entra tenant ID the identity lives in. */
  readonly tenantId: string;
  /** Name of the Azure Key Vault (not its URL). */
  readonly keyVaultName: string;
  /** Name of the key in the Key Vault. */
  readonly keyName: string;
  /**
   * Client ID of the identity Vault authenticates as: the application's client
   * ID (client-secret mode) or the user-assigned managed identity's client ID
   * (workload identity mode).
   */
  readonly clientId: string;
  /**
   * A Terraform reference to the client secret, only in client-secret mode.
   * Never a literal: it is written into a Kubernetes Secret by reference.
   * @default - none: workload identity, no secret at all
   */
  readonly clientSecret?: string;
  /**
   * In workload identity mode, the Kubernetes ServiceAccount the federated
   * credential trusts. Vault's pods must run as exactly this ServiceAccount.
   * @default - none: client-secret mode
   */
  readonly workloadIdentityServiceAccount?: ServiceAccountRef;
  /**
   * Resources that must exist before Vault first starts with the seal (the
   * role assignment): without them the first unwrap fails with 403.
   * @default - none
   */
  readonly sealDependencies?: ITerraformDependable[];
}

/** The Azure clouds the seal can reach; Azure Germany closed in 2021. */
export type AzureSealEnvironment = 'AzurePublicCloud' | 'AzureUSGovernmentCloud' | 'AzureChinaCloud';

/**
 * Per cloud: the `environment` Vault's seal expects (its Entra ID endpoint)
 * and the `resource`, the DNS suffix of that cloud's Key Vaults. Both are
 * written for a sovereign cloud, so the wrapper never pairs one cloud's
 * sign-in with another's Key Vault host.
 */
const SEAL_CLOUDS: Record<AzureSealEnvironment, { environment: string; resource: string }> = {
  AzurePublicCloud: { environment: 'AZUREPUBLICCLOUD', resource: 'vault.azure.net' },
  AzureUSGovernmentCloud: { environment: 'AZUREUSGOVERNMENTCLOUD', resource: 'vault.usgovcloudapi.net' },
  AzureChinaCloud: { environment: 'AZURECHINACLOUD', resource: 'vault.azure.cn' },
};

/** Properties of a {@link VaultSealConfig}. */
export interface VaultSealConfigProps {
  /** The Azure Key Vault key and identity to seal with. */
  readonly source: AzureKeyVaultSealSource;
  /**
   * The Azure cloud the Key Vault and the identity are in. Outside the public
   * cloud the stanza names the cloud (`environment`) and its Key Vault DNS
   * suffix (`resource`); Vault's defaults are the public cloud's.
   * @default 'AzurePublicCloud'
   */
  readonly environment?: AzureSealEnvironment;
  /**
   * Namespace of the Secret: Vault's namespace, which must already exist
   * (pass a `NamespaceV1`'s `metadata.name` to order the two).
   * @default - the workload identity ServiceAccount's namespace, else 'vault'
   */
  readonly namespace?: string;
  /**
   * Name of the Secret holding `config.hcl`; also the volume name in Vault's pods.
   * @default 'vault-storage-config'
   */
  readonly secretName?: string;
  /**
   * Render `disabled = "true"` in the stanza. This is how to migrate back to
   * Shamir: Vault needs the old seal's settings to decrypt the root key once,
   * so the block stays (deleting it makes Vault refuse to start), and
   * `vault operator unseal -migrate` then moves to Shamir keys.
   * @default false
   */
  readonly disabled?: boolean;
}

/** The file name inside the Secret, as S3 names it. */
export const SEAL_CONFIG_FILE = 'config.hcl';
/** Where the Vault chart mounts user config volumes. */
export const VAULT_USERCONFIG_DIR = '/vault/userconfig';

/**
 * The `seal "azurekeyvault"` stanza of Vault's configuration, in a Kubernetes
 * Secret (`vault-storage-config`, file `config.hcl`) that `VaultHelmRelease`
 * mounts and passes to Vault with `-config=`.
 *
 * It is a Secret and not Helm values or a ConfigMap because in client-secret
 * mode it holds the client secret: Helm values are stored in plain text in the
 * release, and ConfigMaps are readable by far more subjects than Secrets. In
 * workload identity mode there is no secret at all; the stanza stays in a
 * Secret so both modes are mounted the same way.
 */
export class VaultSealConfig extends Construct {
  /** The Secret's name. */
  public readonly secretName: string;
  /** The Secret's namespace. */
  public readonly namespace: string;
  /** Where Vault's pods see the Secret. */
  public readonly mountPath: string;
  /** The path Vault is given with `-config=`. */
  public readonly configPath: string;
  /** The identity and key the stanza points at. */
  public readonly source: AzureKeyVaultSealSource;
  /** Whether the stanza is rendered with `disabled = "true"`. */
  public readonly disabled: boolean;
  /** The Azure cloud the stanza points at. */
  public readonly environment: AzureSealEnvironment;
  /** The `kubernetes_secret_v1` resource. */
  public readonly resource: SecretV1;

  constructor(scope: Construct, id: string, props: VaultSealConfigProps) {
    super(scope, id);
    const wi = props.source.workloadIdentityServiceAccount;
    const namespace = props.namespace ?? wi?.namespace ?? 'vault';
    const secretName = props.secretName ?? 'vault-storage-config';
    const environment = props.environment ?? 'AzurePublicCloud';

    const v = new PropValidator(this, 'VaultSealConfig');
    v.dnsLabel('namespace', namespace);
    v.oneOf('environment', environment, Object.keys(SEAL_CLOUDS) as AzureSealEnvironment[]);
    // A label, not a subdomain: the name doubles as the pod volume name.
    v.string('secretName', secretName, isDnsLabel, 'must be a DNS-1123 label (it is also the volume name in Vault\'s pods): lowercase letters, digits and "-", at most 63 characters');
    if (wi && !Token.isUnresolved(namespace) && !Token.isUnresolved(wi.namespace) && wi.namespace !== namespace) {
      v.fail('namespace', namespace, `must be the namespace the federated credential trusts ('${wi.namespace}'): Vault's pods run there`);
    }
    if (wi && props.source.clientSecret !== undefined) {
      v.fail('source.clientSecret', '(reference)', 'must not be set together with a workload identity ServiceAccount: pick one identity');
    }
    if (props.source.clientSecret !== undefined && !Token.isUnresolved(props.source.clientSecret)) {
      // A literal would end up in the synthesized JSON and in state as plain text.
      v.fail('source.clientSecret', '(literal, hidden)', 'must be a Terraform reference (e.g. azuread_application_password.value), never a literal');
    }
    v.throwIfInvalid();

    this.source = props.source;
    this.secretName = secretName;
    this.namespace = namespace;
    this.disabled = props.disabled ?? false;
    this.environment = environment;
    this.mountPath = `${VAULT_USERCONFIG_DIR}/${secretName}`;
    this.configPath = `${this.mountPath}/${SEAL_CONFIG_FILE}`;

    this.resource = new SecretV1(this, 'Resource', {
      metadata: {
        name: secretName,
        namespace,
        labels: { 'app.kubernetes.io/name': 'vault', 'app.kubernetes.io/component': 'seal-config' },
      },
      type: 'Opaque',
      data: { [SEAL_CONFIG_FILE]: renderAzureKeyVaultSealHcl(props.source, this.disabled, environment) },
      // Only dependencies in this stack: depends_on cannot name a resource of
      // another stack (cdktf would write an output attribute there, which
      // Terraform rejects). Across stacks, the stack dependency orders the apply.
      dependsOn: sameStack(this, props.source.sealDependencies),
    });
  }
}

function sameStack(scope: Construct, deps: ITerraformDependable[] | undefined): ITerraformDependable[] | undefined {
  const stack = TerraformStack.of(scope);
  const local = (deps ?? []).filter((d) => !Construct.isConstruct(d) || TerraformStack.of(d) === stack);
  return local.length ? local : undefined;
}

/**
 * Renders the `seal "azurekeyvault"` stanza. `client_secret` appears only in
 * client-secret mode; in workload identity mode the wrapper falls through to
 * Azure's default credential chain, which reads the federated token the
 * workload identity webhook projects into the pod.
 */
export function renderAzureKeyVaultSealHcl(source: AzureKeyVaultSealSource, disabled = false, environment: AzureSealEnvironment = 'AzurePublicCloud'): string {
  const lines: Array<[string, string]> = [
    ['tenant_id', source.tenantId],
    ['client_id', source.clientId],
  ];
  if (source.clientSecret !== undefined) lines.push(['client_secret', source.clientSecret]);
  if (environment !== 'AzurePublicCloud') lines.push(['environment', SEAL_CLOUDS[environment].environment]);
  lines.push(['vault_name', source.keyVaultName], ['key_name', source.keyName]);
  if (environment !== 'AzurePublicCloud') lines.push(['resource', SEAL_CLOUDS[environment].resource]);
  if (disabled) lines.push(['disabled', 'true']);
  const width = Math.max(...lines.map(([k]) => k.length));
  const body = lines.map(([k, val]) => `  ${k.padEnd(width)} = ${hclString(val)}`).join('\n');
  return `seal "azurekeyvault" {\n${body}\n}\n`;
}
