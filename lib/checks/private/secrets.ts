// What secret material looks like in synthesized configuration, shared by
// the secret rules (VP-SEC-*). Not part of the public surface.

/**
 * Attributes that carry secret material, as they appear in a Terraform
 * expression: `<type>.<name>.<attribute>` for resources, with a `data.` prefix
 * for data sources (which the patterns match as well).
 */
const SECRET_ATTRIBUTES = [
  String.raw`\b(azuread_application_password|azuread_service_principal_password)\.[\w-]+\.value\b`,
  // A Key Vault secret's value, written by the resource or read by the data source.
  String.raw`\bazurerm_key_vault_secret\.[\w-]+\.value\b`,
  // The private key of an exported Key Vault certificate.
  String.raw`\bazurerm_key_vault_certificate_data\.[\w-]+\.key\b`,
  String.raw`\brandom_password\.[\w-]+\.result\b`,
  String.raw`\bkubernetes_secret(_v1)?\.[\w-]+\.(data|binary_data)\b`,
  String.raw`\b(vault_generic_secret|vault_kv_secret(_v2)?)\.[\w-]+\.data(_json)?\b`,
  // Generic names: vault_token and approle logins (client_token), Vault's Kubernetes
  // secrets engine (service_account_token), Azure credentials (client_secret), TLS keys.
  String.raw`\.(client_secret|client_token|service_account_token|private_key(_pem|_openssh)?|password|secret_id|token_reviewer_jwt)\b`,
].join('|');

/**
 * A Terraform reference to an attribute that carries secret material, within
 * the first brace level of a `${...}` interpolation. {@link carriesSecret}
 * also looks inside nested braces (`${jsonencode({a = x.password})}`).
 */
export const SECRET_REFERENCE = new RegExp(String.raw`\$\{[^}]*(${SECRET_ATTRIBUTES})`);

const SECRET_ATTRIBUTE = new RegExp(SECRET_ATTRIBUTES);

/** The bodies of the `${...}` interpolations in a string, nested braces included. */
export function interpolations(text: string): string[] {
  const out: string[] = [];
  for (let start = text.indexOf('${'); start >= 0; start = text.indexOf('${', start + 2)) {
    let depth = 0;
    let end = start + 1;
    for (; end < text.length; end++) {
      if (text[end] === '{') depth++;
      else if (text[end] === '}' && --depth === 0) break;
    }
    out.push(text.slice(start + 2, end));
  }
  return out;
}

/** A literal that is secret material by its shape: a private key or a JWT. */
export const SECRET_LITERAL = /-----BEGIN ([A-Z ]+ )?PRIVATE KEY-----|\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/;

/**
 * A key name that announces a secret value, in any case, its words joined by
 * `_`, `-` or nothing (`client_secret`, `clientSecret`, `API-KEY`).
 */
export const SECRET_KEY_NAME = /(^|[_.-])(password|passwd|secret|client[_-]?secret|token|private[_-]?key|api[_-]?key)($|[_.-])/i;

/** Whether a string holds secret material or refers to it. */
export function carriesSecret(text: string): boolean {
  return SECRET_LITERAL.test(text) || interpolations(text).some((body) => SECRET_ATTRIBUTE.test(body));
}
