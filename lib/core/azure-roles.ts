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

/**
 * The actions that decide who holds what: assigning a role, and rewriting a
 * role definition (a holder could widen its own role to `*`).
 */
const ACCESS_CONTROL_ACTIONS = ['Microsoft.Authorization/roleAssignments/write', 'Microsoft.Authorization/roleDefinitions/write'];

/**
 * The access-control actions one permissions block of a custom role allows:
 * those an `actions` pattern covers and no `notActions` pattern takes out
 * again. Azure matches patterns without regard to case, `*` standing for any
 * run of characters (`*`, `Microsoft.Authorization/*`, `*\/write`).
 */
export function accessControlActions(actions: readonly string[], notActions: readonly string[]): string[] {
  return ACCESS_CONTROL_ACTIONS.filter((action) => actions.some((p) => azureActionCovers(p, action)) && !notActions.some((p) => azureActionCovers(p, action)));
}

/** Whether an Azure RBAC action pattern covers `action`. */
export function azureActionCovers(pattern: string, action: string): boolean {
  const parts = pattern.trim().split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`, 'i').test(action);
}
