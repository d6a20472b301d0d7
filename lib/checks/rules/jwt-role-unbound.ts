import { holdsTerraformExpression as isUnresolved } from '../../core/unresolved';
import { unescapeTemplate } from '../../core/template-literal';
import { Rule } from '../rule';
import { APPLY_TIME } from '../private/template';
import { terraformBool } from '../private/terraform-values';

/**
 * Claims that say which repository or project a CI token belongs to (GitHub,
 * GitLab, Azure DevOps's subject, an Entra service principal's object id). A role binding none of them trusts every
 * repository the issuer serves.
 */
const IDENTITY_CLAIMS = ['repository', 'repository_id', 'repository_owner', 'repository_owner_id', 'project_path', 'project_id', 'namespace_path', 'namespace_id', 'sub', 'oid'];

/**
 * VP-CI-1 (error): a JWT auth role (CI login) that binds no repository, or a
 * pattern of them.
 *
 * GitHub Actions, GitLab.com and Azure DevOps sign every customer's job
 * tokens with one issuer: a role that checks only `ref`, `environment` or the
 * audience lets any repository on the service log in with its policies.
 */
export const jwtRoleUnbound: Rule = {
  id: 'VP-CI-1',
  level: 'error',
  summary: 'JWT auth role binds no exact repository',
  why: 'CI issuers sign tokens for every repository they host: without an exact repository claim, any of them can log in.',
  appliesTo: ['vault_jwt_auth_backend_role'],
  check: ({ config }) => {
    // OIDC roles log people in through a browser; this rule is about machine (jwt)
    // logins. Vault's default role_type is oidc, which needs redirect URIs.
    const redirects = Array.isArray(config.allowed_redirect_uris) && config.allowed_redirect_uris.length > 0;
    if (config.role_type === 'oidc' || (config.role_type === undefined && redirects)) return [];
    const claims: Record<string, unknown> = config.bound_claims && typeof config.bound_claims === 'object' ? config.bound_claims : {};
    if (isUnresolved(config.bound_claims)) return [];
    const role = `role '${config.role_name}'`;
    const subject = typeof config.bound_subject === 'string' && config.bound_subject !== '' ? config.bound_subject : undefined;
    const identity = Object.entries(claims).filter(([k]) => IDENTITY_CLAIMS.includes(k));
    if (identity.length === 0) {
      if (subject === undefined) {
        const bound = Object.keys(claims).length ? `bound_claims ${JSON.stringify(claims)}` : 'no bound_claims';
        return [`${role} has ${bound} and no bound_subject`];
      }
      // Vault compares bound_subject as exact text (no glob): a pattern there matches no token, so
      // the role is not open but broken; the finding says so rather than calling it too broad.
      return /[*?]/.test(subject) ? [`${role} binds bound_subject = "${subject}", which Vault compares as exact text (no glob): no job can log in; bind the exact subject`] : [];
    }
    const glob = config.bound_claims_type === 'glob';
    const found: string[] = [];
    for (const [claim, value] of identity) {
      // A list reads as the comma-separated text Vault would split. Of a value
      // computed at apply time only the literal text is judged: `${var.org}/*`
      // is a glob over some organisation's repositories, whichever it is.
      const text = String(value);
      const known = unescapeTemplate(text, APPLY_TIME);
      if (known.trim() === '' || (glob && /[*?]/.test(known))) found.push(`${role} binds ${claim} = "${text}"${glob ? ' with glob matching' : ''}`);
      // Vault splits comma-separated bound_claims values into a list of allowed values.
      else if (known.includes(',') && terraformBool(config.disable_bound_claims_parsing) !== true) found.push(`${role} binds ${claim} = "${text}", which Vault reads as a list of repositories`);
    }
    return found;
  },
};
