import { carriesSecret, Rule } from '../rule';

/** VP-SEC-3: an output carrying secret material without `sensitive`. */
export const secretOutputNotSensitive: Rule = {
  id: 'VP-SEC-3',
  level: 'error',
  summary: 'Output carries secret material but is not sensitive',
  why: 'Terraform prints non-sensitive outputs in plans, apply logs and CI output.',
  appliesTo: ['output'],
  check: ({ config, node }) => (config.sensitive !== true && carriesSecret(JSON.stringify(config.value ?? ''))
    ? [`output '${node.node.id}' = ${JSON.stringify(config.value)}`] : []),
};
