import { JwtAuthBackend } from '@cdktf/provider-vault/lib/jwt-auth-backend';
import { JwtAuthBackendRole } from '@cdktf/provider-vault/lib/jwt-auth-backend-role';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { CiIdentityProvider, GITHUB_ACTIONS_ISSUER } from '../../lib/vault/ci-identity-provider';
import { VaultJwtAuth } from '../../lib/vault/jwt-auth';
import { VaultPolicy } from '../../lib/vault/policy';
import { onlyResource, synth, testStack, warningsOf } from '../helpers';

const github = () => CiIdentityProvider.githubActions();

describe('VaultJwtAuth', () => {
  let stack: TerraformStack;
  let auth: VaultJwtAuth;
  beforeEach(() => {
    stack = testStack();
    auth = new VaultJwtAuth(stack, 'Ci', { provider: github() });
  });

  it('trusts GitHub Actions by issuer and OIDC discovery at jwt', () => {
    expect(synth(stack)).toHaveResourceWithProperties(JwtAuthBackend, {
      type: 'jwt', path: 'jwt', oidc_discovery_url: GITHUB_ACTIONS_ISSUER, bound_issuer: GITHUB_ACTIONS_ISSUER,
    });
  });

  it('trusts a GitHub Enterprise issuer, GitLab and Azure DevOps as options', () => {
    const s = testStack();
    new VaultJwtAuth(s, 'Ghe', { provider: CiIdentityProvider.githubActions({ enterpriseSlug: 'contoso' }), path: 'ghe' });
    new VaultJwtAuth(s, 'Gl', { provider: CiIdentityProvider.gitlab({ url: 'https://gitlab.example.com/' }), path: 'gitlab' });
    new VaultJwtAuth(s, 'Ado', { provider: CiIdentityProvider.azureDevOps({ organizationId: '11111111-2222-3333-4444-555555555555' }), path: 'ado' });
    const json = synth(s);
    expect(json).toHaveResourceWithProperties(JwtAuthBackend, { path: 'ghe', bound_issuer: `${GITHUB_ACTIONS_ISSUER}/contoso` });
    expect(json).toHaveResourceWithProperties(JwtAuthBackend, { path: 'gitlab', bound_issuer: 'https://gitlab.example.com', oidc_discovery_url: 'https://gitlab.example.com' });
    expect(json).toHaveResourceWithProperties(JwtAuthBackend, { path: 'ado', bound_issuer: 'https://vstoken.dev.azure.com/11111111-2222-3333-4444-555555555555' });
  });

  it('binds the exact repository and environment, the audience and a short TTL', () => {
    auth.addRole('Deploy', { roleName: 'platform-deploy', repository: 'moelove/homelab', environment: 'production' });
    expect(synth(stack)).toHaveResourceWithProperties(JwtAuthBackendRole, {
      backend: 'jwt',
      role_name: 'platform-deploy',
      role_type: 'jwt',
      bound_claims: { repository: 'moelove/homelab', environment: 'production' },
      bound_claims_type: 'string',
      bound_audiences: ['vault'],
      user_claim: 'actor',
      token_ttl: 1200,
      token_max_ttl: 3600,
    });
  });

  it('binds an exact ref', () => {
    auth.addRole('Main', { roleName: 'main', repository: 'moelove/homelab', ref: 'refs/heads/main' });
    expect(onlyResource(stack, 'vault_jwt_auth_backend_role').bound_claims).toEqual({ repository: 'moelove/homelab', ref: 'refs/heads/main' });
  });

  it('binds pull-request jobs by event and merge ref, with glob matching for the ref only', () => {
    const role = auth.addRole('Plan', { roleName: 'platform-plan', repository: 'moelove/homelab', pullRequests: true });
    const r = onlyResource(stack, 'vault_jwt_auth_backend_role');
    expect(r.bound_claims).toEqual({ repository: 'moelove/homelab', event_name: 'pull_request', ref: 'refs/pull/*/merge' });
    expect(r.bound_claims_type).toBe('glob');
    expect(role.boundClaims.repository).toBe('moelove/homelab');
  });

  it('binds GitLab projects and Azure DevOps service connections by their own claims', () => {
    const s = testStack();
    const gl = new VaultJwtAuth(s, 'Gl', { provider: CiIdentityProvider.gitlab(), path: 'gitlab' });
    gl.addRole('Deploy', { roleName: 'deploy', repository: 'platform/homelab', environment: 'production' });
    const ado = new VaultJwtAuth(s, 'Ado', { provider: CiIdentityProvider.azureDevOps({ organizationId: '11111111-2222-3333-4444-555555555555' }), path: 'ado' });
    const adoRole = ado.addRole('Deploy', { roleName: 'deploy', repository: 'contoso/platform/vault-deploy' });
    const json = synth(s);
    expect(json).toHaveResourceWithProperties(JwtAuthBackendRole, { backend: 'gitlab', bound_claims: { project_path: 'platform/homelab', environment: 'production' }, user_claim: 'user_login', bound_audiences: ['vault'] });
    expect(json).toHaveResourceWithProperties(JwtAuthBackendRole, { backend: 'ado', bound_claims: { sub: 'sc://contoso/platform/vault-deploy' }, bound_audiences: ['api://AzureADTokenExchange'] });
    expect(adoRole.audience).toBe('api://AzureADTokenExchange');
  });

  it('lists the policies grants attach, once each', () => {
    const role = auth.addRole('Deploy', { roleName: 'deploy', repository: 'moelove/homelab', environment: 'production' });
    const p = new VaultPolicy(stack, 'P', { policyName: 'deploy', rules: [{ path: 'eso/data/x', capabilities: ['read'] }] });
    role.addPolicy(p);
    role.addPolicy(p);
    expect(onlyResource(stack, 'vault_jwt_auth_backend_role').token_policies).toEqual(['deploy']);
  });

  it('refuses a role bound to no repository', () => {
    expect(() => auth.addRole('R', { roleName: 'r', repository: '', environment: 'production' }))
      .toThrow(/VaultJwtAuthRole 'Test\/Ci\/R': role 'r': 'repository' must name the one repository .* accepts every GitHub Actions job \(got ''\)/);
    expect(() => auth.addRole('S', { roleName: 's', repository: undefined as unknown as string, environment: 'production' })).toThrow(/'repository' must name the one repository/);
  });

  it.each(['moelove/*', '*', 'moelove/home*', 'moelove', 'moelove/homelab/extra', 'moelove/[ab]'])('refuses the repository %p', (repository) => {
    expect(() => auth.addRole('R', { roleName: 'r', repository, environment: 'production' })).toThrow(/'repository' must be 'owner\/repository'.*without wildcards/);
  });

  it('refuses a wildcard environment or ref, and a short GitHub ref', () => {
    expect(() => auth.addRole('R', { roleName: 'r', repository: 'a/b', environment: 'prod*' })).toThrow(/'environment' must be an exact, non-empty value without wildcards \(got 'prod\*'\)/);
    expect(() => auth.addRole('S', { roleName: 's', repository: 'a/b', ref: 'refs/heads/*' })).toThrow(/'ref' must be an exact/);
    expect(() => auth.addRole('T', { roleName: 't', repository: 'a/b', ref: 'main' })).toThrow(/'ref' must be a full ref like 'refs\/heads\/main'/);
  });

  it('refuses a role bound to the repository alone unless allowAnyRef, which warns', () => {
    expect(() => auth.addRole('R', { roleName: 'r', repository: 'a/b' })).toThrow(/or ref or pullRequests must be set/);
    const role = auth.addRole('S', { roleName: 's', repository: 'a/b', allowAnyRef: true });
    expect(warningsOf(role).join('\n')).toMatch(/allowAnyRef: role 's' accepts a job on any branch of a\/b/);
  });

  it('refuses pull requests together with an environment, and claims Azure DevOps tokens lack', () => {
    expect(() => auth.addRole('R', { roleName: 'r', repository: 'a/b', pullRequests: true, environment: 'production' })).toThrow(/'pullRequests' must not be combined/);
    const ado = new VaultJwtAuth(stack, 'Ado', { provider: CiIdentityProvider.azureDevOps({ organizationId: '11111111-2222-3333-4444-555555555555' }), path: 'ado' });
    expect(() => ado.addRole('R', { roleName: 'r', repository: 'o/p/c', environment: 'production' })).toThrow(/'environment' cannot be bound: Azure DevOps tokens carry no such claim/);
    expect(() => ado.addRole('S', { roleName: 's', repository: 'o/p/c', pullRequests: true })).toThrow(/'pullRequests' cannot be bound/);
  });

  it('refuses a TTL above the max TTL and lists every problem at once', () => {
    expect(() => auth.addRole('R', { roleName: 'bad name', repository: '*', environment: 'production', tokenTtl: '2h' })).toThrow(
      /'roleName'[\s\S]*'repository'[\s\S]*'tokenTtl' must not exceed tokenMaxTtl/);
  });

  it('accepts a repository known only at apply time', () => {
    const repo = new TerraformVariable(stack, 'repo', { type: 'string' });
    expect(() => auth.addRole('R', { roleName: 'r', repository: repo.stringValue, environment: 'production' })).not.toThrow();
  });

  it('refuses a bad mount path, audience and provider options', () => {
    const s = testStack();
    expect(() => new VaultJwtAuth(s, 'A', { provider: github(), path: '/jwt/', audience: '*' })).toThrow(/'path' must be a Vault mount path[\s\S]*'audience' must be a non-empty audience/);
    expect(() => new VaultJwtAuth(s, 'B', { provider: CiIdentityProvider.githubActions({ enterpriseSlug: 'Bad Slug' }) })).toThrow(/'provider.enterpriseSlug'/);
    expect(() => new VaultJwtAuth(s, 'C', { provider: CiIdentityProvider.azureDevOps({ organizationId: 'contoso' }) })).toThrow(/'provider.organizationId' must be the Azure DevOps organization id/);
    expect(() => new VaultJwtAuth(s, 'D', { provider: CiIdentityProvider.gitlab({ url: 'http://gitlab.local' }) })).toThrow(/'provider.issuer' must be a URL starting with https:\/\//);
  });

  it('matches the snapshot', () => {
    auth.addRole('Deploy', { roleName: 'deploy', repository: 'moelove/homelab', environment: 'production' });
    expect(synth(stack)).toMatchSnapshot();
  });
});

describe('VaultJwtAuth with Entra ID workload identity', () => {
  const TENANT = '00000000-0000-0000-0000-0000000000aa';
  const OID = '00000000-0000-0000-0000-0000000000bb';

  it('trusts the tenant\'s v2 issuer and binds the service principal\'s object id and Vault\'s audience', () => {
    const s = testStack();
    const auth = new VaultJwtAuth(s, 'Entra', { provider: CiIdentityProvider.entraWorkloadIdentity({ tenantId: TENANT }), path: 'entra', audience: 'api://vault' });
    auth.addRole('Deploy', { roleName: 'deploy', repository: OID });
    const json = synth(s);
    expect(json).toHaveResourceWithProperties(JwtAuthBackend, { path: 'entra', bound_issuer: `https://login.microsoftonline.com/${TENANT}/v2.0` });
    expect(json).toHaveResourceWithProperties(JwtAuthBackendRole, { bound_claims: { oid: OID }, bound_audiences: ['api://vault'], user_claim: 'oid' });
  });

  it('requires the audience and a tenant and object id that are UUIDs', () => {
    const s = testStack();
    expect(() => new VaultJwtAuth(s, 'A', { provider: CiIdentityProvider.entraWorkloadIdentity({ tenantId: 'contoso' }) }))
      .toThrow(/'provider.tenantId' must be the Entra tenant id, a UUID \(got 'contoso'\)[\s\S]*'audience' must be set for Entra ID/);
    const auth = new VaultJwtAuth(s, 'B', { provider: CiIdentityProvider.entraWorkloadIdentity({ tenantId: TENANT }), path: 'entra', audience: 'api://vault' });
    expect(() => auth.addRole('R', { roleName: 'r', repository: 'my-pipeline' })).toThrow(/'repository' must be the object id \(a UUID\) of the service principal/);
    expect(() => auth.addRole('S', { roleName: 's', repository: OID, environment: 'production' })).toThrow(/'environment' cannot be bound: Entra ID tokens carry no such claim/);
  });
});

describe('VaultJwtAuth.fromMount', () => {
  it('adds roles to a JWT mount that exists already, with the provider\'s claims and audience', () => {
    const s = testStack();
    const auth = VaultJwtAuth.fromMount(s, 'Existing', 'github', { provider: CiIdentityProvider.githubActions() });
    const role = auth.addRole('Deploy', { roleName: 'deploy', repository: 'moelove/homelab', environment: 'production' });
    const r = onlyResource(s, 'vault_jwt_auth_backend_role');
    expect(r).toMatchObject({ backend: 'github', bound_claims: { repository: 'moelove/homelab', environment: 'production' }, bound_audiences: ['vault'] });
    expect(r.depends_on).toBeUndefined();
    expect(role.auth.mountPath).toBe('github');
  });

  it('refuses a bad mount path, and an Entra mount without its audience', () => {
    const s = testStack();
    expect(() => VaultJwtAuth.fromMount(s, 'A', 'auth/jwt/', { provider: CiIdentityProvider.githubActions() })).toThrow(/VaultJwtAuth 'Test\/A': 'mountPath' must be a Vault mount path.*\(got 'auth\/jwt\/'\)/);
    expect(() => VaultJwtAuth.fromMount(s, 'B', 'entra', { provider: CiIdentityProvider.entraWorkloadIdentity({ tenantId: '00000000-0000-0000-0000-0000000000aa' }) })).toThrow(/'audience' must be a non-empty audience.*Entra ID has no default/);
  });
});
