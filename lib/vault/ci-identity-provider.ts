/** Which CI system issues the identity tokens a {@link VaultJwtAuth} trusts. */
export type CiIdentityProviderKind = 'github-actions' | 'gitlab' | 'azure-devops' | 'entra';

/** The claims of one CI provider's tokens that a role binds. */
export interface CiIdentityClaims {
  /** The claim naming the repository (GitHub), project (GitLab), service connection (Azure DevOps) or service principal (Entra ID). */
  readonly repository: string;
  /** The claim naming the deployment environment the job runs in, if the provider has one. */
  readonly environment?: string;
  /** The claim naming the git ref the job runs on, if the provider has one. */
  readonly ref?: string;
  /** Claims that hold only for pull-request (merge-request) jobs, if the provider has them. */
  readonly pullRequest?: Readonly<Record<string, string>>;
}

/**
 * A CI system as an OIDC identity provider: its issuer, the claims a Vault
 * JWT role binds, and the audience its jobs request tokens for.
 *
 * Build one with a static factory; {@link VaultJwtAuth} validates the inputs.
 */
export class CiIdentityProvider {
  /**
   * GitHub Actions (`https://token.actions.githubusercontent.com`). Jobs
   * request a token with `permissions: id-token: write`; roles bind the
   * `repository` claim and the `environment` or `ref` the job runs in.
   *
   * @param options.enterpriseSlug GitHub Enterprise Cloud with a unique
   *   issuer URL: `https://token.actions.githubusercontent.com/<slug>`
   */
  public static githubActions(options: { readonly enterpriseSlug?: string } = {}): CiIdentityProvider {
    const issuer = options.enterpriseSlug === undefined
      ? GITHUB_ACTIONS_ISSUER
      : `${GITHUB_ACTIONS_ISSUER}/${options.enterpriseSlug}`;
    return new CiIdentityProvider('github-actions', 'GitHub Actions', issuer, DEFAULT_CI_AUDIENCE, 'actor', {
      repository: 'repository',
      environment: 'environment',
      ref: 'ref',
      // A pull_request job's token carries the PR's merge ref, refs/pull/<n>/merge.
      pullRequest: { event_name: 'pull_request', ref: 'refs/pull/*/merge' },
    }, REPOSITORY_GITHUB, "must be 'owner/repository' (letters, digits, '-', '_', '.') without wildcards", options.enterpriseSlug);
  }

  /**
   * GitLab CI (`https://gitlab.com`, or a self-managed instance). Jobs request
   * a token with `id_tokens: { VAULT_ID_TOKEN: { aud: <audience> } }`; roles
   * bind `project_path` and the `environment` or `ref`.
   *
   * @param options.url the GitLab instance, which is the token issuer
   */
  public static gitlab(options: { readonly url?: string } = {}): CiIdentityProvider {
    return new CiIdentityProvider('gitlab', 'GitLab CI', (options.url ?? 'https://gitlab.com').replace(/\/+$/, ''), DEFAULT_CI_AUDIENCE, 'user_login', {
      repository: 'project_path',
      environment: 'environment',
      ref: 'ref',
      pullRequest: { pipeline_source: 'merge_request_event' },
    }, REPOSITORY_GITLAB, "must be a project path 'group/project' or 'group/subgroup/project' without wildcards");
  }

  /**
   * Azure DevOps workload identity federation
   * (`https://vstoken.dev.azure.com/<organization id>`): the token a service
   * connection issues, whose subject is `sc://<org>/<project>/<connection>`
   * and whose audience is fixed to `api://AzureADTokenExchange`. Its tokens
   * carry no ref or environment claim: protect the service connection with
   * approvals and branch checks instead.
   *
   * @param options.organizationId the organization's id (a UUID)
   */
  public static azureDevOps(options: { readonly organizationId: string }): CiIdentityProvider {
    return new CiIdentityProvider('azure-devops', 'Azure DevOps', `https://vstoken.dev.azure.com/${options.organizationId}`,
      'api://AzureADTokenExchange', 'sub', { repository: 'sub' },
      REPOSITORY_AZURE_DEVOPS, "must be 'organization/project/service-connection' without wildcards", options.organizationId);
  }

  /**
   * Entra ID workload identity (`https://login.microsoftonline.com/<tenant>/v2.0`):
   * an access token Entra issues to a managed identity or a federated
   * application (a pipeline agent on Azure, an Azure DevOps service connection
   * exchanging its token). Roles bind the service principal's object id
   * (`oid`); the audience is the application ID URI of the app registration
   * representing Vault, which {@link VaultJwtAuth} requires as `audience`.
   *
   * @param options.tenantId the Entra tenant (a UUID)
   */
  public static entraWorkloadIdentity(options: { readonly tenantId: string }): CiIdentityProvider {
    return new CiIdentityProvider('entra', 'Entra ID', `https://login.microsoftonline.com/${options.tenantId}/v2.0`, '', 'oid',
      { repository: 'oid' }, UUID, 'must be the object id (a UUID) of the service principal or managed identity whose tokens log in', options.tenantId);
  }

  private constructor(
    /** Which CI system. */
    public readonly kind: CiIdentityProviderKind,
    /** Its name, for messages and the diagram. */
    public readonly displayName: string,
    /** The token issuer: `bound_issuer`, and the OIDC discovery URL Vault fetches keys from. */
    public readonly issuer: string,
    /** The audience jobs request tokens for, unless the auth method sets another. */
    public readonly defaultAudience: string,
    /** The claim Vault names the entity alias after (who ran the job). */
    public readonly userClaim: string,
    /** The claims roles bind. */
    public readonly claims: CiIdentityClaims,
    private readonly repositoryPattern: RegExp,
    /** What a repository must look like, for error messages. */
    public readonly repositoryRule: string,
    /** The value the factory put into the issuer (validated by the auth method). */
    public readonly issuerPart?: string,
  ) {}

  /** Whether `repository` names exactly one repository (project, service connection) of this provider. */
  public isRepository(repository: string): boolean {
    return this.repositoryPattern.test(repository) && !/[*?[\]{}]/.test(repository);
  }

  /** The value the repository claim must have for `repository`. */
  public repositoryClaimValue(repository: string): string {
    return this.kind === 'azure-devops' ? `sc://${repository}` : repository;
  }
}

/** GitHub Actions' OIDC issuer. */
export const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';

/** The audience CI jobs request tokens for, so a token minted for another service cannot log in to Vault. */
export const DEFAULT_CI_AUDIENCE = 'vault';

const REPOSITORY_GITHUB = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
const REPOSITORY_GITLAB = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_.][A-Za-z0-9_.-]*)+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REPOSITORY_AZURE_DEVOPS = /^[^/\s*?][^/*?]*\/[^/*?]+\/[^/*?]+$/;
