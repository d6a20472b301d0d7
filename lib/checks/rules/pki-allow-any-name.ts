import { Rule } from '../rule';

/** VP-PKI-1: a PKI role that signs any name. */
export const pkiAllowAnyName: Rule = {
  id: 'VP-PKI-1',
  level: 'error',
  summary: 'PKI role issues certificates for any name',
  why: 'Whoever can use the role can mint a trusted certificate for any host, including ones it does not own.',
  appliesTo: ['vault_pki_secret_backend_role'],
  check: ({ config }) => {
    const found: string[] = [];
    if (config.allow_any_name === true) found.push(`role '${config.name}' sets allow_any_name`);
    if (config.enforce_hostnames === false) found.push(`role '${config.name}' sets enforce_hostnames = false`);
    return found;
  },
};
