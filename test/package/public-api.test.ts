import * as path from 'node:path';
import * as ts from 'typescript';

// Every export of every entry point, so that a new export is a deliberate
// change: once published, each one is a promise to teams. Constructs, their
// props, interfaces, enums and types belong here; helpers stay in lib/.
const repo = path.join(__dirname, '..', '..');
const pkg = require(path.join(repo, 'package.json'));

/** Entry point (package subpath) to its source. */
const ENTRY_POINTS: Record<string, string> = {
  '.': 'lib/index.ts',
  './checks': 'lib/checks/index.ts',
  './vault': 'lib/vault/index.ts',
  './secrets-sync': 'lib/secrets-sync/index.ts',
  './cert-manager': 'lib/cert-manager/index.ts',
  './entra': 'lib/entra/index.ts',
  './keyvault': 'lib/keyvault/index.ts',
  './platform': 'lib/platform/index.ts',
};

/** `name: kind` for each export, sorted; kind is class, function, const, enum, interface or type. */
function exportsOf(program: ts.Program, file: string): string[] {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(path.join(repo, file))!;
  return checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).map((s) => {
    const t = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
    const kind = t.flags & ts.SymbolFlags.Class ? 'class'
      : t.flags & ts.SymbolFlags.Function ? 'function'
        : t.flags & ts.SymbolFlags.Enum ? 'enum'
          : t.flags & ts.SymbolFlags.Variable ? 'const'
            : t.flags & ts.SymbolFlags.Interface ? 'interface' : 'type';
    return `${s.name}: ${kind}`;
  }).sort();
}

describe('public surface', () => {
  let program: ts.Program;
  beforeAll(() => {
    program = ts.createProgram(Object.values(ENTRY_POINTS).map((f) => path.join(repo, f)), {
      module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true, skipLibCheck: true, noEmit: true, types: [],
    });
  });

  it('publishes exactly these entry points', () => {
    expect(Object.keys(pkg.exports).filter((k) => k !== './package.json')).toEqual(Object.keys(ENTRY_POINTS));
    for (const [entry, file] of Object.entries(ENTRY_POINTS)) {
      const dist = file.replace(/^lib\//, './dist/').replace(/\.ts$/, '');
      expect(pkg.exports[entry]).toEqual({ types: `${dist}.d.ts`, default: `${dist}.js` });
      // moduleResolution `node` (what `cdktf init` writes) ignores `exports`.
      if (entry !== '.') expect(pkg.typesVersions['*'][entry.slice(2)]).toEqual([`${dist.slice(2)}.d.ts`]);
    }
    expect(Object.keys(pkg.typesVersions['*'])).toHaveLength(Object.keys(ENTRY_POINTS).length - 1);
  });

  it.each(Object.entries(ENTRY_POINTS))('%s exports only what a team should use', (entry, file) => {
    expect(exportsOf(program, file)).toEqual(EXPECTED[entry]);
  });
});

const EXPECTED: Record<string, string[]> = {
  '.': [
    'AcmeIssuer: class', 'AcmeIssuerProps: interface', 'AcmeServer: enum', 'AutoUnsealIdentity: type',
    'AutoUnsealKeyRotation: interface', 'AutoUnsealKeyVault: class', 'AutoUnsealKeyVaultProps: interface',
    'AzureDnsEnvironment: type', 'AzureDnsSolverOptions: interface', 'AzureDnsZone: class',
    'AzureDnsZoneIds: interface', 'AzureEnvironment: type', 'AzureKeyVaultSealSource: interface',
    'AzureRoleAssignment: interface', 'AzureSealEnvironment: type', 'AzureSecretsEngine: class',
    'AzureSecretsEngineProps: interface', 'AzureSecretsEngineRole: class', 'AzureSecretsEngineRoleOptions: interface',
    'AzureSecretsEngineRoleProps: interface', 'BackendConfig: type', 'CertManager: class', 'CertManagerIssuer: class',
    'CertManagerIssuerProps: interface', 'CertManagerProps: interface', 'Certificate: class',
    'CertificateProps: interface', 'ClientSecretAutoUnseal: interface', 'ExternalReviewerOptions: interface',
    'ExternalSecret: class', 'ExternalSecretData: interface', 'ExternalSecretProps: interface',
    'ExternalSecretsOperator: class', 'ExternalSecretsOperatorProps: interface', 'FlowEdge: interface',
    'FlowNode: interface', 'FlowNodeKind: type', 'GrantOptions: interface', 'IAzureDnsZone: interface',
    'IDynamicSecretSource: interface', 'IEntraApplication: interface', 'ISecretFlowContributor: interface',
    'IVaultK8sAuth: interface', 'IVaultPolicy: interface', 'IWorkloadApplication: interface', 'IssuerRef: interface',
    'KvV2Mount: class', 'KvV2MountProps: interface', 'PkiCaOptions: interface', 'PkiIntermediateOptions: interface',
    'PkiIssuer: class', 'PkiIssuerProps: interface', 'PkiKeyType: type', 'PkiKeyUsage: type', 'PkiRole: class',
    'PkiRoleOptions: interface', 'PkiRoleProps: interface', 'PlatformStack: class', 'PlatformStackProps: interface',
    'PolicyRule: interface', 'ProviderName: type', 'RolloutRestartTarget: interface', 'SecretKeyRef: interface',
    'ServiceAccountRef: interface', 'VaultAuth: class', 'VaultAuthProps: interface', 'VaultCapability: type',
    'VaultConnection: class', 'VaultConnectionProps: interface', 'VaultDynamicSecret: class',
    'VaultDynamicSecretProps: interface', 'VaultHelmRelease: class', 'VaultHelmReleaseProps: interface',
    'VaultIssuer: class', 'VaultIssuerProps: interface', 'VaultK8sAuth: class', 'VaultK8sAuthProps: interface',
    'VaultK8sAuthRole: class', 'VaultK8sAuthRoleOptions: interface', 'VaultK8sAuthRoleProps: interface',
    'VaultPolicy: class', 'VaultPolicyProps: interface', 'VaultSealConfig: class', 'VaultSealConfigProps: interface',
    'VaultSecretStore: class', 'VaultSecretStoreProps: interface', 'VaultSecretsOperator: class',
    'VaultSecretsOperatorProps: interface', 'VaultServer: interface', 'VaultStaticSecret: class',
    'VaultStaticSecretProps: interface', 'WorkloadApplication: class', 'WorkloadApplicationIds: interface',
    'WorkloadApplicationProps: interface', 'WorkloadIdentityAutoUnseal: interface', 'collectSecretFlows: function',
    'renderSecretFlows: function',
  ],
  './checks': [
    'ALL_RULES: const', 'ElementView: interface', 'Finding: interface', 'Rule: interface', 'RuleLevel: type',
    'SecurityChecks: class', 'SecurityChecksProps: interface', 'Suppression: interface', 'acmeContactEmail: const',
    'authRoleNoAudience: const', 'authRoleWildcardBinding: const', 'azureCredentialTtlTooLong: const',
    'azureRootPasswordTtlTooLong: const', 'clientSecretExpiry: const', 'keyVaultNoPreventDestroy: const',
    'keyVaultNoPurgeProtection: const', 'keyVaultOpenNetwork: const', 'keyWithoutWrapOps: const',
    'pkiAllowAnyName: const', 'plaintextVaultAddress: const', 'policyWildcardOrSudo: const',
    'secretInConfigMap: const', 'secretInHelmValues: const', 'secretOutputNotSensitive: const',
    'suppressRule: function', 'tlsVerifyDisabled: const', 'tokenTtlTooLong: const', 'vaultChartTlsDisabled: const',
    'vaultDevMode: const',
  ],
  './vault': [
    'AzureEnvironment: type', 'AzureKeyVaultSealSource: interface', 'AzureRoleAssignment: interface',
    'AzureSealEnvironment: type', 'AzureSecretsEngine: class', 'AzureSecretsEngineProps: interface',
    'AzureSecretsEngineRole: class', 'AzureSecretsEngineRoleOptions: interface',
    'AzureSecretsEngineRoleProps: interface', 'ExternalReviewerOptions: interface', 'GrantOptions: interface',
    'IVaultK8sAuth: interface', 'IVaultPolicy: interface', 'KvV2Mount: class', 'KvV2MountProps: interface',
    'PkiCaOptions: interface', 'PkiIntermediateOptions: interface', 'PkiIssuer: class', 'PkiIssuerProps: interface',
    'PkiKeyType: type', 'PkiKeyUsage: type', 'PkiRole: class', 'PkiRoleOptions: interface', 'PkiRoleProps: interface',
    'PolicyRule: interface', 'VaultCapability: type', 'VaultHelmRelease: class', 'VaultHelmReleaseProps: interface',
    'VaultK8sAuth: class', 'VaultK8sAuthProps: interface', 'VaultK8sAuthRole: class',
    'VaultK8sAuthRoleOptions: interface', 'VaultK8sAuthRoleProps: interface', 'VaultPolicy: class',
    'VaultPolicyProps: interface', 'VaultSealConfig: class', 'VaultSealConfigProps: interface',
    'VaultServer: interface',
  ],
  './secrets-sync': [
    'ExternalSecret: class', 'ExternalSecretData: interface', 'ExternalSecretProps: interface',
    'ExternalSecretsOperator: class', 'ExternalSecretsOperatorProps: interface', 'IDynamicSecretSource: interface',
    'RolloutRestartTarget: interface', 'VaultAuth: class', 'VaultAuthProps: interface', 'VaultConnection: class',
    'VaultConnectionProps: interface', 'VaultDynamicSecret: class', 'VaultDynamicSecretProps: interface',
    'VaultSecretStore: class', 'VaultSecretStoreProps: interface', 'VaultSecretsOperator: class',
    'VaultSecretsOperatorProps: interface', 'VaultStaticSecret: class', 'VaultStaticSecretProps: interface',
  ],
  './cert-manager': [
    'AcmeIssuer: class', 'AcmeIssuerProps: interface', 'AcmeServer: enum', 'AzureDnsEnvironment: type',
    'AzureDnsSolverOptions: interface', 'CertManager: class', 'CertManagerIssuer: class',
    'CertManagerIssuerProps: interface', 'CertManagerProps: interface', 'Certificate: class',
    'CertificateProps: interface', 'IssuerRef: interface', 'VaultIssuer: class', 'VaultIssuerProps: interface',
  ],
  './entra': [
    'AzureDnsZone: class', 'AzureDnsZoneIds: interface', 'IAzureDnsZone: interface', 'IEntraApplication: interface',
    'IWorkloadApplication: interface', 'WorkloadApplication: class', 'WorkloadApplicationIds: interface',
    'WorkloadApplicationProps: interface',
  ],
  './keyvault': [
    'AutoUnsealIdentity: type', 'AutoUnsealKeyRotation: interface', 'AutoUnsealKeyVault: class',
    'AutoUnsealKeyVaultProps: interface', 'ClientSecretAutoUnseal: interface',
    'WorkloadIdentityAutoUnseal: interface',
  ],
  './platform': [
    'BackendConfig: type', 'PlatformStack: class', 'PlatformStackProps: interface', 'ProviderName: type',
  ],
};
