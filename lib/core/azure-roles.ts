/**
 * Azure roles that can grant access: whoever holds one can assign itself (or
 * anyone) any other role in its scope, so a Vault lease carrying one is a
 * lease on the scope itself. Shared by `AzureSecretsEngine` and VP-AZURE-3.
 */
const PRIVILEGED_AZURE_ROLES: Record<string, string> = {
  'owner': '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  'user access administrator': '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  'role based access control administrator': 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
};

/**
 * The role's name when `nameOrId` (a role name, in any case, or a role
 * definition id, bare or as a resource id) is one that can assign roles.
 */
export function privilegedAzureRole(nameOrId: string | undefined): string | undefined {
  if (!nameOrId) return undefined;
  const key = nameOrId.trim().toLowerCase().replace(/\s+/g, ' ');
  for (const [name, id] of Object.entries(PRIVILEGED_AZURE_ROLES)) {
    if (key === name || key === id || key.endsWith(`/roledefinitions/${id}`)) return name.replace(/\b\w/g, (c) => c.toUpperCase());
  }
  return undefined;
}
