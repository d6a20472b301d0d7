import { AzureSecretBackend, AzureSecretBackendConfig } from '@cdktf/provider-vault/lib/azure-secret-backend';
import { AzureSecretBackendRole, AzureSecretBackendRoleConfig } from '@cdktf/provider-vault/lib/azure-secret-backend-role';
import { KubernetesAuthBackendRole, KubernetesAuthBackendRoleConfig } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-role';
import { PkiSecretBackendRole, PkiSecretBackendRoleConfig } from '@cdktf/provider-vault/lib/pki-secret-backend-role';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { VaultPolicy } from '../../../lib/vault/policy';
import { expectFindings, expectQuiet } from './judge';

// Fire and quiet cases of the Vault rules, every branch, each checking the
// level, the construct the finding lands on and what the message names.

const policy = (hcl: string, name = 'admin') => (s: TerraformStack) => { new Policy(s, 'P', { name, policy: hcl }); };
const block = (path: string, caps = '"read"') => `path "${path}" {\n  capabilities = [${caps}]\n}\n`;

describe('VP-POL-1 policy on a mount-wide glob or with sudo', () => {
  it.each(['*', 'pki*', '*pki/issue/x', '+/creds/x', '+', 'a+b/c', '*/data/x'])('fires on path %p', (path) => {
    expectFindings('VP-POL-1', 'error', policy(block(path)), [['Test/P', `policy 'admin' has path "${path}"`]]);
  });
  it.each(['kv/*', 'kv/+/x', 'pki/issue/*', 'sys/leases/renew'])('stays quiet on path %p, inside one mount', (path) => {
    expectQuiet('VP-POL-1', policy(block(path)));
  });
  it('fires on sudo, naming the path', () => {
    expectFindings('VP-POL-1', 'error', policy(block('sys/raw', '"read", "sudo"')), [['Test/P', `policy 'admin' grants sudo on "sys/raw"`]]);
  });
  it('fires twice on a mount-wide glob with sudo', () => {
    expectFindings('VP-POL-1', 'error', policy(block('*', '"sudo"')), [['Test/P', 'has path "*"'], ['Test/P', 'grants sudo on "*"']]);
  });
  it('judges each block on its own: sudo in one block is not charged to another', () => {
    expectFindings('VP-POL-1', 'error', policy(`${block('kv/data/a')}\n${block('sys/raw', '"sudo"')}\n${block('+/x')}`), [
      ['Test/P', 'grants sudo on "sys/raw"'],
      ['Test/P', 'has path "+/x"'],
    ]);
  });
  it('reads blocks however they are spaced', () => {
    expectFindings('VP-POL-1', 'error', policy('path   "*"{capabilities=["read"]}'), [['Test/P', 'has path "*"']]);
    expectFindings('VP-POL-1', 'error', policy('path\t"sys/raw"  {\n\n capabilities = [ "sudo" ]\n}'), [['Test/P', 'grants sudo on "sys/raw"']]);
  });
  it('stays quiet on read and list', () => {
    expectQuiet('VP-POL-1', policy(block('sys/mounts', '"read", "list"')));
  });
  it('lands on the VaultPolicy construct that owns the vault_policy', () => {
    expectFindings('VP-POL-1', 'error', (s) => {
      new VaultPolicy(s, 'Admin', { policyName: 'ops', allowWildcardPaths: true, rules: [{ path: '*', capabilities: ['read'] }] });
    }, [['Test/Admin', `policy 'ops' has path "*"`]]);
  });
});

const role = (c: Partial<KubernetesAuthBackendRoleConfig>) => (s: TerraformStack) => {
  new KubernetesAuthBackendRole(s, 'Role', { roleName: 'app', boundServiceAccountNames: ['app'], boundServiceAccountNamespaces: ['apps'], audience: 'vault', tokenTtl: 3600, ...c });
};

describe('VP-AUTH-1 Kubernetes auth role bound with a wildcard', () => {
  it('fires on a * ServiceAccount name', () => {
    expectFindings('VP-AUTH-1', 'error', role({ boundServiceAccountNames: ['app', '*'] }), [['Test/Role', `role 'app' has bound_service_account_names = ["*"]`]]);
  });
  it('fires on a * namespace', () => {
    expectFindings('VP-AUTH-1', 'error', role({ boundServiceAccountNamespaces: ['*'] }), [['Test/Role', `role 'app' has bound_service_account_namespaces = ["*"]`]]);
  });
  it('fires once for each', () => {
    expectFindings('VP-AUTH-1', 'error', role({ boundServiceAccountNames: ['*'], boundServiceAccountNamespaces: ['*'] }), [
      ['Test/Role', 'bound_service_account_names'], ['Test/Role', 'bound_service_account_namespaces'],
    ]);
  });
  it('stays quiet on exact bindings', () => {
    expectQuiet('VP-AUTH-1', role({ boundServiceAccountNames: ['a', 'b'], boundServiceAccountNamespaces: ['x'] }));
  });
});

describe('VP-AUTH-2 Kubernetes auth role without audience', () => {
  it('fires without an audience', () => {
    expectFindings('VP-AUTH-2', 'warning', role({ audience: undefined }), [['Test/Role', `role 'app' has no audience`]]);
  });
  it('fires on an empty audience', () => {
    expectFindings('VP-AUTH-2', 'warning', role({ audience: '' }), [['Test/Role', `role 'app' has no audience`]]);
  });
  it('stays quiet with an audience', () => {
    expectQuiet('VP-AUTH-2', role({ audience: 'vault' }));
  });
});

describe('VP-AUTH-3 token lifetime over a day', () => {
  it.each([
    ['token_ttl', { tokenTtl: 86401 }],
    ['token_max_ttl', { tokenMaxTtl: 7 * 86400 }],
    ['token_period', { tokenPeriod: 172800 }],
    ['token_explicit_max_ttl', { tokenExplicitMaxTtl: 90000 }],
  ] as Array<[string, Partial<KubernetesAuthBackendRoleConfig>]>)('fires on %s over 24h, naming the field and the seconds', (field, c) => {
    const seconds = Object.values(c)[0];
    expectFindings('VP-AUTH-3', 'warning', role(c), [['Test/Role', `role 'app' has ${field} = ${seconds}s`]]);
  });
  it('fires once per field that is too long', () => {
    expectFindings('VP-AUTH-3', 'warning', role({ tokenTtl: 90000, tokenPeriod: 90000 }), [['Test/Role', 'token_ttl = 90000s'], ['Test/Role', 'token_period = 90000s']]);
  });
  it('stays quiet at exactly 24h in every field', () => {
    expectQuiet('VP-AUTH-3', role({ tokenTtl: 86400, tokenMaxTtl: 86400, tokenPeriod: 86400, tokenExplicitMaxTtl: 86400 }));
  });
  it('does not judge lifetimes known only at apply time', () => {
    expectQuiet('VP-AUTH-3', (s) => role({ tokenPeriod: new TerraformVariable(s, 'Period', { type: 'number' }).numberValue })(s));
  });
});

const pki = (c: Partial<PkiSecretBackendRoleConfig>) => (s: TerraformStack) => { new PkiSecretBackendRole(s, 'R', { backend: 'pki', name: 'web', ...c }); };

describe('VP-PKI-1 PKI role for any name', () => {
  it('fires on allow_any_name', () => {
    expectFindings('VP-PKI-1', 'error', pki({ allowAnyName: true }), [['Test/R', `role 'web' sets allow_any_name`]]);
  });
  it('fires on enforce_hostnames = false', () => {
    expectFindings('VP-PKI-1', 'error', pki({ enforceHostnames: false }), [['Test/R', `role 'web' sets enforce_hostnames = false`]]);
  });
  it('fires once for each', () => {
    expectFindings('VP-PKI-1', 'error', pki({ allowAnyName: true, enforceHostnames: false }), [['Test/R', 'allow_any_name'], ['Test/R', 'enforce_hostnames = false']]);
  });
  it('stays quiet on a role for named domains that enforces hostnames', () => {
    expectQuiet('VP-PKI-1', pki({ allowedDomains: ['example.com'], allowSubdomains: true, allowAnyName: false, enforceHostnames: true }));
    expectQuiet('VP-PKI-1', pki({ allowedDomains: ['example.com'] }));
  });
});

const azureRole = (c: Partial<AzureSecretBackendRoleConfig>) => (s: TerraformStack) => {
  new AzureSecretBackendRole(s, 'AzureRole', { backend: 'azure', role: 'certmanager', applicationObjectId: '00000000-0000-0000-0000-000000000001', ttl: '3600', maxTtl: '86400', ...c });
};

describe('VP-AZURE-1 Azure credentials living over a day', () => {
  it.each([
    ['ttl', '86401', '86401 (24h1s)'],
    ['ttl', '25h', '"25h" (25h)'],
    ['ttl', '2d', '"2d" (48h)'],
    ['max_ttl', '172800', '"172800" (48h)'],
    ['max_ttl', '168h', '"168h" (168h)'],
    ['max_ttl', '1440m1s', '"1440m1s" (24h1s)'],
  ])('fires on %s = %p', (field, value, shown) => {
    const c = field === 'ttl' ? { ttl: value, maxTtl: value } : { maxTtl: value };
    const found = field === 'ttl' ? [['Test/AzureRole', `role 'certmanager' has ttl = `], ['Test/AzureRole', 'max_ttl = ']] : [['Test/AzureRole', `role 'certmanager' has max_ttl = ${shown}`]];
    expectFindings('VP-AZURE-1', 'warning', azureRole(c), found as Array<[string, string]>);
  });
  it('shows the value and its length', () => {
    expectFindings('VP-AZURE-1', 'warning', azureRole({ ttl: '90000', maxTtl: '24h' }), [['Test/AzureRole', `role 'certmanager' has ttl = "90000" (25h)`]]);
  });
  it('fires on a value Vault cannot read', () => {
    expectFindings('VP-AZURE-1', 'warning', azureRole({ ttl: '1 hour' }), [['Test/AzureRole', `role 'certmanager' has ttl = "1 hour", which is not a duration Vault reads`]]);
    expectFindings('VP-AZURE-1', 'warning', azureRole({ maxTtl: 'a day' }), [['Test/AzureRole', `has max_ttl = "a day", which is not a duration Vault reads`]]);
  });
  it.each([['unset', undefined], ['empty', ''], ['zero', '0'], ['zero seconds', '0s']])('fires on a max_ttl that is %s: the mount\'s maximum applies', (_what, maxTtl) => {
    expectFindings('VP-AZURE-1', 'warning', azureRole({ maxTtl }), [['Test/AzureRole', `role 'certmanager' sets no max_ttl, so the mount's maximum (768h unless tuned) caps renewals`]]);
  });
  it.each([['86400', '86400'], ['24h', '24h'], ['1d', '1d'], ['15m', '1440m']])('stays quiet on ttl %p and max_ttl %p', (ttl, maxTtl) => {
    expectQuiet('VP-AZURE-1', azureRole({ ttl, maxTtl }));
  });
  it('stays quiet on an unset or empty ttl with a short max_ttl', () => {
    expectQuiet('VP-AZURE-1', azureRole({ ttl: undefined }));
    expectQuiet('VP-AZURE-1', azureRole({ ttl: '' }));
  });
  it('does not judge TTLs known only at apply time, nor count such a max_ttl as unset', () => {
    expectQuiet('VP-AZURE-1', (s) => {
      const ttl = new TerraformVariable(s, 'Ttl', { type: 'string' }).stringValue;
      azureRole({ ttl, maxTtl: ttl })(s);
    });
  });
});

const azureBackend = (c: Partial<AzureSecretBackendConfig>) => (s: TerraformStack) => {
  new AzureSecretBackend(s, 'Azure', { path: 'azure-prod', subscriptionId: '00000000-0000-0000-0000-000000000002', tenantId: '00000000-0000-0000-0000-000000000003', ...c });
};

describe('VP-AZURE-2 root client secret living over two years', () => {
  it('fires one second over two years, naming the mount and the length', () => {
    expectFindings('VP-AZURE-2', 'warning', azureBackend({ rootPasswordTtl: 63072001 }), [['Test/Azure', `mount 'azure-prod' has root_password_ttl = 63072001 (17520h1s > 17520h)`]]);
  });
  it('names the default mount azure when no path is set', () => {
    expectFindings('VP-AZURE-2', 'warning', azureBackend({ path: undefined, rootPasswordTtl: 3 * 365 * 86400 }), [['Test/Azure', `mount 'azure' has root_password_ttl = 94608000 (26280h > 17520h)`]]);
  });
  it('reads a duration string as Vault does', () => {
    expectFindings('VP-AZURE-2', 'warning', (s) => {
      azureBackend({})(s);
      (s.node.findChild('Azure') as AzureSecretBackend).addOverride('root_password_ttl', '17521h');
    }, [['Test/Azure', `has root_password_ttl = "17521h" (17521h > 17520h)`]]);
  });
  it('fires on a value Vault cannot read', () => {
    expectFindings('VP-AZURE-2', 'warning', (s) => {
      azureBackend({})(s);
      (s.node.findChild('Azure') as AzureSecretBackend).addOverride('root_password_ttl', 'forever');
    }, [['Test/Azure', `mount 'azure-prod' has root_password_ttl = "forever", which is not a duration Vault reads`]]);
    expectFindings('VP-AZURE-2', 'warning', (s) => {
      azureBackend({ path: undefined })(s);
      (s.node.findChild('Azure') as AzureSecretBackend).addOverride('root_password_ttl', true);
    }, [['Test/Azure', `mount 'azure' has root_password_ttl = true, which is not a duration Vault reads`]]);
  });
  it('stays quiet at exactly two years, below, unset, and when known only at apply time', () => {
    expectQuiet('VP-AZURE-2', azureBackend({ rootPasswordTtl: 63072000 }));
    expectQuiet('VP-AZURE-2', azureBackend({ rootPasswordTtl: 15768000 }));
    expectQuiet('VP-AZURE-2', azureBackend({}));
    expectQuiet('VP-AZURE-2', (s) => azureBackend({ rootPasswordTtl: new TerraformVariable(s, 'Ttl', { type: 'number' }).numberValue })(s));
  });
});
