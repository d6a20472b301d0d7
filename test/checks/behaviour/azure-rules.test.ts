import { ApplicationPasswordA as ApplicationPassword, ApplicationPasswordAConfig } from '@cdktf/provider-azuread/lib/application-password';
import { ServicePrincipalPassword } from '@cdktf/provider-azuread/lib/service-principal-password';
import { KeyVault, KeyVaultConfig } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultKey, KeyVaultKeyConfig } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { AutoUnsealKeyVault } from '../../../lib/keyvault/auto-unseal-key-vault';
import { expectFindings, expectQuiet, judge } from './judge';

// Fire and quiet cases of the Key Vault and Entra rules, every branch, each
// checking the level, the construct the finding lands on and what the
// message names.

const keyVault = (c: Partial<KeyVaultConfig>) => (s: TerraformStack) => {
  new KeyVault(s, 'Kv', {
    name: 'kv-unseal', location: 'westeurope', resourceGroupName: 'rg', tenantId: '00000000-0000-0000-0000-000000000000', skuName: 'standard',
    purgeProtectionEnabled: true, publicNetworkAccessEnabled: false, lifecycle: { preventDestroy: true }, ...c,
  });
};
const key = (c: Partial<KeyVaultKeyConfig>) => (s: TerraformStack) => {
  new KeyVaultKey(s, 'Key', { name: 'unseal', keyVaultId: 'id', keyType: 'RSA', keySize: 2048, keyOpts: ['wrapKey', 'unwrapKey'], lifecycle: { preventDestroy: true }, ...c });
};

describe('VP-KV-1 Key Vault without purge protection', () => {
  it.each([['unset', undefined], ['false', false]])('fires when purge_protection_enabled is %s', (_what, purgeProtectionEnabled) => {
    expectFindings('VP-KV-1', 'error', keyVault({ purgeProtectionEnabled }), [['Test/Kv', `key vault 'kv-unseal' has purge_protection_enabled unset or false`]]);
  });
  it('stays quiet when it is on', () => {
    expectQuiet('VP-KV-1', keyVault({}));
  });
});

describe('VP-KV-2 Key Vault open to every network', () => {
  const open = `key vault 'kv-unseal' allows public access without network_acls default_action = "Deny"`;
  it('fires on public access without network rules', () => {
    expectFindings('VP-KV-2', 'error', keyVault({ publicNetworkAccessEnabled: undefined }), [['Test/Kv', open]]);
    expectFindings('VP-KV-2', 'error', keyVault({ publicNetworkAccessEnabled: true }), [['Test/Kv', open]]);
  });
  it('fires on network rules that allow by default', () => {
    expectFindings('VP-KV-2', 'error', keyVault({ publicNetworkAccessEnabled: true, networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' } }), [['Test/Kv', open]]);
  });
  it('stays quiet with public access off', () => {
    expectQuiet('VP-KV-2', keyVault({ publicNetworkAccessEnabled: false, networkAcls: { defaultAction: 'Allow', bypass: 'None' } }));
  });
  it('stays quiet with network rules that deny by default, as a block or a block list', () => {
    expectQuiet('VP-KV-2', keyVault({ publicNetworkAccessEnabled: true, networkAcls: { defaultAction: 'Deny', bypass: 'None', ipRules: ['203.0.113.7'] } }));
    expectQuiet('VP-KV-2', (s) => {
      keyVault({ publicNetworkAccessEnabled: true })(s);
      (s.node.findChild('Kv') as KeyVault).addOverride('network_acls', [{ default_action: 'Deny', bypass: 'None' }]);
    });
  });
  it('fires on a block list that allows by default', () => {
    expectFindings('VP-KV-2', 'error', (s) => {
      keyVault({ publicNetworkAccessEnabled: true })(s);
      (s.node.findChild('Kv') as KeyVault).addOverride('network_acls', [{ default_action: 'Allow', bypass: 'None' }]);
    }, [['Test/Kv', open]]);
  });
});

describe('VP-KV-3 key that cannot wrap and unwrap', () => {
  it.each([
    ['wrapKey only', ['wrapKey'], '["wrapKey"]'],
    ['unwrapKey only', ['unwrapKey'], '["unwrapKey"]'],
    ['encrypt and decrypt', ['encrypt', 'decrypt'], '["encrypt","decrypt"]'],
    ['nothing', [], '[]'],
  ])('fires on %s, listing the key_opts', (_what, keyOpts, shown) => {
    expectFindings('VP-KV-3', 'error', key({ keyOpts }), [['Test/Key', `key 'unseal' has key_opts ${shown}`]]);
  });
  it('fires on a key without key_opts', () => {
    expectFindings('VP-KV-3', 'error', (s) => {
      key({})(s);
      (s.node.findChild('Key') as KeyVaultKey).addOverride('key_opts', null);
    }, [['Test/Key', `key 'unseal' has key_opts []`]]);
  });
  it('stays quiet on a key that wraps and unwraps, with or without more', () => {
    expectQuiet('VP-KV-3', key({}));
    expectQuiet('VP-KV-3', key({ keyOpts: ['unwrapKey', 'sign', 'wrapKey'] }));
  });
});

describe('VP-KV-4 Key Vault or key Terraform may destroy', () => {
  it('fires on a vault and a key without prevent_destroy, naming the type', () => {
    expectFindings('VP-KV-4', 'error', keyVault({ lifecycle: undefined }), [['Test/Kv', `azurerm_key_vault 'kv-unseal' has no lifecycle.prevent_destroy`]]);
    expectFindings('VP-KV-4', 'error', key({ lifecycle: { preventDestroy: false } }), [['Test/Key', `azurerm_key_vault_key 'unseal' has no lifecycle.prevent_destroy`]]);
    expectFindings('VP-KV-4', 'error', key({ lifecycle: { createBeforeDestroy: true } }), [['Test/Key', `azurerm_key_vault_key 'unseal' has no lifecycle.prevent_destroy`]]);
  });
  it('stays quiet with prevent_destroy', () => {
    expectQuiet('VP-KV-4', keyVault({}));
    expectQuiet('VP-KV-4', key({}));
  });
  it('finds nothing on the library\'s own unseal vault, and lands on it when an override removes the protection', () => {
    const build = (unprotect: boolean) => (s: TerraformStack) => {
      const kv = new AutoUnsealKeyVault(s, 'Unseal', { keyVaultName: 'kv-unseal', resourceGroupName: 'rg', location: 'westeurope', identity: { mode: 'workloadIdentity', oidcIssuerUrl: 'https://issuer.example' } });
      if (unprotect) kv.keyVault.addOverride('lifecycle.prevent_destroy', false);
    };
    expect(judge(build(false))).toEqual([]);
    expectFindings('VP-KV-4', 'error', build(true), [['Test/Unseal', `azurerm_key_vault 'kv-unseal' has no lifecycle.prevent_destroy`]]);
  });
});

const secret = (c: Partial<ApplicationPasswordAConfig>) => (s: TerraformStack) => { new ApplicationPassword(s, 'Pw', { applicationId: 'app', displayName: 'ci', ...c }); };
const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

describe('VP-ENTRA-1 Entra client secret without expiry or over two years', () => {
  it('fires on a secret without expiry, by display name or generically', () => {
    expectFindings('VP-ENTRA-1', 'error', secret({}), [['Test/Pw', `'ci' sets neither end_date nor end_date_relative`]]);
    expectFindings('VP-ENTRA-1', 'error', secret({ displayName: undefined }), [['Test/Pw', `'client secret' sets neither end_date nor end_date_relative`]]);
  });
  it('judges a service principal password too', () => {
    expectFindings('VP-ENTRA-1', 'error', (s) => { new ServicePrincipalPassword(s, 'SpPw', { servicePrincipalId: 'sp', displayName: 'sp-secret' }); },
      [['Test/SpPw', `'sp-secret' sets neither end_date nor end_date_relative`]]);
  });
  it.each(['17520h0m1s', '17521h', '1051201m', '20000h0m', '87600h'])('fires on end_date_relative %p, over two years', (relative) => {
    expectFindings('VP-ENTRA-1', 'error', secret({ endDateRelative: relative }), [['Test/Pw', `'ci' expires after ${relative}`]]);
  });
  it.each(['2y', '1 year', '4380', 'h'])('fires on end_date_relative %p, which Go cannot read', (relative) => {
    expectFindings('VP-ENTRA-1', 'error', secret({ endDateRelative: relative }), [['Test/Pw', `'ci' has end_date_relative '${relative}', which is not a Go duration like 4380h`]]);
  });
  it.each(['17520h', '17520h0m0s', '4380h', '1.5h', '1051200m'])('stays quiet on end_date_relative %p', (relative) => {
    expectQuiet('VP-ENTRA-1', secret({ endDateRelative: relative }));
  });
  it('fires on an end_date ten years out, naming it', () => {
    const end = inDays(3650);
    expectFindings('VP-ENTRA-1', 'error', secret({ endDate: end }), [['Test/Pw', `'ci' expires on ${end}`]]);
  });
  it('fires on an end_date a day past two years, and not a day short of it', () => {
    expectFindings('VP-ENTRA-1', 'error', secret({ endDate: inDays(731) }), [['Test/Pw', 'expires on']]);
    expectQuiet('VP-ENTRA-1', secret({ endDate: inDays(729) }));
    expectQuiet('VP-ENTRA-1', secret({ endDate: inDays(180) }));
  });
  it('judges end_date_relative before end_date', () => {
    expectFindings('VP-ENTRA-1', 'error', secret({ endDateRelative: '20000h', endDate: inDays(30) }), [['Test/Pw', `'ci' expires after 20000h`]]);
    expectQuiet('VP-ENTRA-1', secret({ endDateRelative: '4380h', endDate: inDays(3650) }));
  });
  it('does not judge an expiry known only at apply time', () => {
    expectQuiet('VP-ENTRA-1', (s) => secret({ endDateRelative: new TerraformVariable(s, 'Rel', { type: 'string' }).stringValue })(s));
  });
});
