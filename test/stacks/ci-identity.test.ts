import { Testing } from 'cdktf';
import { loadPlatformConfig, parsePlatformConfig, PlatformConfig } from '../../stacks/config';
import { buildCiIdentity } from '../../stacks/ci-identity';
import { buildHomelab } from '../../stacks/homelab';
import { DEFAULT_PLATFORM_CONFIG } from '../../stacks/main';
import * as fs from 'node:fs';
import { testApp } from '../helpers';

const config = loadPlatformConfig(DEFAULT_PLATFORM_CONFIG);
const raw = () => JSON.parse(fs.readFileSync(DEFAULT_PLATFORM_CONFIG, 'utf8'));

describe('homelab CI identity', () => {
  const stacks = buildHomelab(testApp(), config);
  const vault = JSON.parse(Testing.synth(stacks.vault));
  const all = (type: string) => Object.values(vault.resource[type] ?? {}) as any[];

  it('puts the JWT auth, its plan and deploy roles and the Kubernetes secrets engine in the Vault layer', () => {
    expect(all('vault_jwt_auth_backend')).toEqual([expect.objectContaining({ path: 'jwt', bound_issuer: 'https://token.actions.githubusercontent.com' })]);
    const roles = Object.fromEntries(all('vault_jwt_auth_backend_role').map((r) => [r.role_name, r]));
    expect(roles['homelab-deploy'].bound_claims).toEqual({ repository: 'moelove/homelab-platform', environment: 'production' });
    expect(roles['homelab-plan'].bound_claims).toEqual({ repository: 'moelove/homelab-platform', event_name: 'pull_request', ref: 'refs/pull/*/merge' });
    expect(roles['homelab-deploy'].token_policies).toEqual(['homelab-ci-deploy', 'homelab-deploy-kubernetes-creds']);
    expect(roles['homelab-plan'].token_policies).toEqual(['homelab-ci-plan', 'homelab-plan-kubernetes-creds']);
    expect(all('vault_kubernetes_secret_backend')).toHaveLength(1);
    const kube = Object.fromEntries(all('vault_kubernetes_secret_backend_role').map((r) => [r.name, r]));
    expect(kube['homelab-deploy']).toMatchObject({ kubernetes_role_type: 'ClusterRole', token_default_ttl: 600, allowed_kubernetes_namespaces: ['vault'] });
    const planVerbs = JSON.parse(kube['homelab-plan'].generated_role_rules).rules.flatMap((r: any) => r.verbs);
    expect([...new Set(planVerbs)].sort()).toEqual(['get', 'list', 'watch']);
    for (const r of Object.values(kube) as any[]) expect(JSON.parse(r.generated_role_rules).rules.flatMap((x: any) => [...x.verbs, ...x.resources, ...x.apiGroups])).not.toContain('*');
  });

  it('derives the deploy policy from the layer: its mounts, auth methods, policies and roles, and no others', () => {
    const hcl: string = all('vault_policy').find((p) => p.name === 'homelab-ci-deploy').policy;
    const paths = [...hcl.matchAll(/path "([^"]+)"/g)].map((m) => m[1]);
    const mounts = [...all('vault_mount').map((m) => m.path), ...all('vault_azure_secret_backend').map((m) => m.path), ...all('vault_kubernetes_secret_backend').map((m) => m.path)].sort();
    expect(paths.filter((p) => /^sys\/mounts\/[^/]+$/.test(p)).map((p) => p.slice('sys/mounts/'.length)).sort()).toEqual(mounts);
    const auths = [...all('vault_auth_backend'), ...all('vault_jwt_auth_backend')].map((a) => a.path).sort();
    expect(paths.filter((p) => /^sys\/auth\/[^/]+$/.test(p)).map((p) => p.slice('sys/auth/'.length)).sort()).toEqual(auths);
    const policies = all('vault_policy').map((p) => p.name).sort();
    expect(paths.filter((p) => p.startsWith('sys/policies/acl/')).map((p) => p.slice('sys/policies/acl/'.length)).sort()).toEqual(policies);
    // The one pattern: the root CA's issuer id, which Vault chooses, inside the managed PKI mount.
    expect(paths.filter((p) => /[*+]/.test(p))).toEqual(['pki/issuer/+']);
  });

  it('lets the deploy change nothing of its own identity', () => {
    const hcl: string = all('vault_policy').find((p) => p.name === 'homelab-ci-deploy').policy;
    const caps = (path: string) => new RegExp(`path "${path.replace(/[/*]/g, '\\$&')}" \\{\\n  capabilities = \\[([^\\]]*)\\]`).exec(hcl)?.[1];
    for (const own of ['sys/policies/acl/homelab-ci-deploy', 'sys/policies/acl/homelab-deploy-kubernetes-creds', 'auth/jwt/role/homelab-deploy', 'kubernetes/roles/homelab-deploy', 'sys/mounts/kubernetes']) {
      expect([own, caps(own)]).toEqual([own, '"read"']);
    }
    expect(caps('sys/policies/acl/eso-vault-client')).toBe('"create", "read", "update", "delete"');
  });

  it('builds nothing without a ci section, and validates the section', () => {
    const { ci: _ci, ...withoutCi } = config;
    const s = buildHomelab(testApp(), { ...withoutCi, name: 'noci' } as PlatformConfig);
    expect(JSON.parse(Testing.synth(s.vault)).resource.vault_jwt_auth_backend).toBeUndefined();
    expect(buildCiIdentity(s.vault, withoutCi as PlatformConfig)).toBeUndefined();
    const bad = raw();
    bad.ci = { provider: 'jenkins', repository: 'moelove/*', deployEnvironment: '' , extra: 1 };
    expect(() => parsePlatformConfig(bad, 'lab.json')).toThrow(/'ci.extra' is not a known key[\s\S]*'ci.provider' must be 'github-actions' or 'gitlab'[\s\S]*'ci.repository' must be one exact repository[\s\S]*'ci.deployEnvironment' must be an environment name/);
  });
});
