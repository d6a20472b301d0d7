import { carriesSecret } from '../private/secrets';
import { terraformBool } from '../private/terraform-values';
import { Rule } from '../rule';

/**
 * VP-SEC-3 (error): an output carrying secret material without `sensitive`.
 *
 * Secret material is what {@link carriesSecret} recognises: a private key or
 * JWT literal, or a reference (also nested in functions) to an Entra client
 * secret, a Key Vault secret's `value` (resource or data source), a Vault
 * token (`client_token`), a KV secret's `data`/`data_json` (resource or data
 * source), a Kubernetes Secret's data, a random password, or any
 * `client_secret`, `password`, `secret_id` or private key attribute.
 */
export const secretOutputNotSensitive: Rule = {
  id: 'VP-SEC-3',
  level: 'error',
  summary: 'Output carries secret material but is not sensitive',
  why: 'Terraform prints non-sensitive outputs in plans, apply logs and CI output.',
  appliesTo: ['output'],
  // `sensitive` as the string "true" is true to Terraform too.
  check: ({ config, node }) => (terraformBool(config.sensitive) !== true && carriesSecret(JSON.stringify(config.value ?? ''))
    ? [`output '${node.node.id}' = ${JSON.stringify(config.value)}`] : []),
};
