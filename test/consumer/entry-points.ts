// Every entry point of the library by name, so `tsc` checks that each one
// resolves (this project compiles them with moduleResolution node, as
// `cdktf init` writes it; the library's test also tries node16 and bundler).
import * as everything from 'vault-platform-constructs';
import * as certManager from 'vault-platform-constructs/cert-manager';
import * as checks from 'vault-platform-constructs/checks';
import * as entra from 'vault-platform-constructs/entra';
import * as keyvault from 'vault-platform-constructs/keyvault';
import * as platform from 'vault-platform-constructs/platform';
import * as secretsSync from 'vault-platform-constructs/secrets-sync';
import * as vault from 'vault-platform-constructs/vault';

export const entryPoints = { everything, certManager, checks, entra, keyvault, platform, secretsSync, vault };

// A type from each family, used the way a team would.
export const kvProps: vault.KvV2MountProps = { path: 'payments' };
export const rules: readonly checks.Rule[] = checks.ALL_RULES;
export type Targets = secretsSync.RolloutRestartTarget[];
