import { RoleDefinition, RoleDefinitionConfig } from '@cdktf/provider-azurerm/lib/role-definition';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { accessControlActions, azureActionCovers } from '../../lib/core/azure-roles';
import { judged } from './judged';

// VP-AZURE-4 and the judgment it shares with lib/core (issue 14, class 10):
// a custom role that can assign roles is Owner under another name, whatever
// it is called, so its permissions are judged where they are written.

const SUBSCRIPTION = '/subscriptions/00000000-0000-0000-0000-000000000002';
const ASSIGN = 'Microsoft.Authorization/roleAssignments/write';
const DEFINE = 'Microsoft.Authorization/roleDefinitions/write';

function findings(build: (stack: TerraformStack) => void) {
  return judged(build).unsuppressed.filter((f) => f.ruleId === 'VP-AZURE-4').map(({ level, path, message }) => ({ level, path, message }));
}

const role = (c: Partial<RoleDefinitionConfig>) => (s: TerraformStack) => new RoleDefinition(s, 'Role', { name: 'deployer', scope: SUBSCRIPTION, ...c });

describe('azureActionCovers', () => {
  it.each([
    ['*', ASSIGN],
    ['Microsoft.Authorization/*', ASSIGN],
    ['microsoft.authorization/ROLEASSIGNMENTS/WRITE', ASSIGN],
    ['*/write', ASSIGN],
    ['Microsoft.Authorization/*/write', DEFINE],
    ['Microsoft.*/roleAssignments/*', ASSIGN],
    [` ${ASSIGN} `, ASSIGN],
  ])('%s covers %s', (pattern, action) => expect(azureActionCovers(pattern, action)).toBe(true));

  it.each([
    ['Microsoft.Authorization/*/read', ASSIGN],
    ['Microsoft.Authorization/roleAssignments/write/extra', ASSIGN],
    ['x' + ASSIGN, ASSIGN],
    // '.' is a literal dot, not any character; '/' and '$' are literal too.
    ['MicrosoftXAuthorization/roleAssignments/write', ASSIGN],
    ['Microsoft.Authorization/roleAssignments/writ', ASSIGN],
    ['Microsoft.Authorization/roleAssignments/write$', ASSIGN],
    ['', ASSIGN],
  ])('%s does not cover %s', (pattern, action) => expect(azureActionCovers(pattern, action)).toBe(false));
});

describe('accessControlActions', () => {
  it('lists each access-control action the patterns allow', () => {
    expect(accessControlActions(['*'], [])).toEqual([ASSIGN, DEFINE]);
    expect(accessControlActions(['Microsoft.Authorization/roleAssignments/*'], [])).toEqual([ASSIGN]);
    expect(accessControlActions([DEFINE], [])).toEqual([DEFINE]);
  });

  it('takes out what notActions exclude, by pattern too', () => {
    expect(accessControlActions(['*'], ['Microsoft.Authorization/*/write'])).toEqual([]);
    expect(accessControlActions(['*'], [ASSIGN])).toEqual([DEFINE]);
    expect(accessControlActions(['*'], ['Microsoft.Authorization/*/read'])).toEqual([ASSIGN, DEFINE]);
  });

  it('finds nothing in actions that cannot change access', () => {
    expect(accessControlActions(['Microsoft.Resources/*/read', 'Microsoft.Network/dnsZones/*'], [])).toEqual([]);
    expect(accessControlActions([], [])).toEqual([]);
  });
});

describe('VP-AZURE-4 (custom role that can assign roles)', () => {
  it('is an error on the role definition, naming the role, the action and the scope', () => {
    expect(findings(role({ permissions: [{ actions: ['Microsoft.Authorization/*/write'] }] }))).toEqual([
      { level: 'error', path: 'Test/Role', message: expect.stringContaining(`role 'deployer' allows ${ASSIGN} over ${SUBSCRIPTION}`) },
      { level: 'error', path: 'Test/Role', message: expect.stringContaining(`role 'deployer' allows ${DEFINE} over ${SUBSCRIPTION}`) },
    ]);
  });

  it('names the assignable scopes when they are given', () => {
    const [f] = findings(role({ assignableScopes: [`${SUBSCRIPTION}/resourceGroups/a`, `${SUBSCRIPTION}/resourceGroups/b`], permissions: [{ actions: [ASSIGN] }] }));
    expect(f.message).toContain(`allows ${ASSIGN} over ${SUBSCRIPTION}/resourceGroups/a, ${SUBSCRIPTION}/resourceGroups/b`);
  });

  it('falls back to the scope when the assignable scopes are empty', () => {
    const [f] = findings(role({ assignableScopes: [], permissions: [{ actions: [ASSIGN] }] }));
    expect(f.message).toContain(`allows ${ASSIGN} over ${SUBSCRIPTION}`);
  });

  it('judges every permissions block, each with its own notActions', () => {
    const got = findings(role({ permissions: [{ actions: ['*'], notActions: ['Microsoft.Authorization/*'] }, { actions: [DEFINE] }] }));
    expect(got.map((f) => f.message)).toEqual([expect.stringContaining(`allows ${DEFINE}`)]);
  });

  it('reports an action once when several blocks allow it', () => {
    expect(findings(role({ permissions: [{ actions: [ASSIGN] }, { actions: ['*'] }] })).map((f) => f.message)).toEqual([
      expect.stringContaining(`allows ${ASSIGN}`),
      expect.stringContaining(`allows ${DEFINE}`),
    ]);
  });

  it('stays quiet on roles that cannot change access, or have no permissions', () => {
    expect(findings(role({ permissions: [{ actions: ['Microsoft.Network/dnsZones/*', 'Microsoft.Resources/*/read'], dataActions: ['*'] }] }))).toEqual([]);
    expect(findings(role({}))).toEqual([]);
    expect(findings(role({ permissions: [{ actions: ['*'], notActions: ['Microsoft.Authorization/*/write'] }] }))).toEqual([]);
  });

  it('skips actions known only at apply time, never refusing them', () => {
    const got = findings((s) => {
      const v = new TerraformVariable(s, 'action', { type: 'string' });
      new RoleDefinition(s, 'Role', { name: 'deployer', scope: SUBSCRIPTION, permissions: [{ actions: [v.stringValue], notActions: [v.stringValue] }] });
    });
    expect(got).toEqual([]);
    const whole = findings((s) => {
      const v = new TerraformVariable(s, 'actions', { type: 'list(string)' });
      new RoleDefinition(s, 'Role', { name: 'deployer', scope: SUBSCRIPTION, permissions: [{ actions: v.listValue }] });
    });
    expect(whole).toEqual([]);
  });

  it('still sees a literal action beside one known only at apply time, and a notActions variable takes nothing out', () => {
    const got = findings((s) => {
      const v = new TerraformVariable(s, 'action', { type: 'string' });
      new RoleDefinition(s, 'Role', { name: 'deployer', scope: SUBSCRIPTION, permissions: [{ actions: [v.stringValue, ASSIGN], notActions: [v.stringValue] }] });
    });
    expect(got.map((f) => f.message)).toEqual([expect.stringContaining(`allows ${ASSIGN}`)]);
  });

  it('reads one permissions block written as an object, as Terraform JSON syntax allows (an override)', () => {
    const got = findings((s) => new RoleDefinition(s, 'Role', { name: 'deployer', scope: SUBSCRIPTION }).addOverride('permissions', { actions: [ASSIGN] }));
    expect(got).toEqual([{ level: 'error', path: 'Test/Role', message: expect.stringContaining(`role 'deployer' allows ${ASSIGN}`) }]);
  });

  it('skips blocks and entries that are not what Terraform takes, without failing', () => {
    const got = findings((s) =>
      new RoleDefinition(s, 'Role', { name: 'deployer', scope: SUBSCRIPTION }).addOverride('permissions', [null, { actions: [42, ASSIGN], not_actions: [7] }, { not_actions: [ASSIGN] }]),
    );
    expect(got).toEqual([{ level: 'error', path: 'Test/Role', message: expect.stringContaining(`role 'deployer' allows ${ASSIGN} over ${SUBSCRIPTION}`) }]);
  });

  it('reads actions and not_actions given as one string', () => {
    expect(findings((s) => new RoleDefinition(s, 'Role', { name: 'deployer', scope: SUBSCRIPTION }).addOverride('permissions', [{ actions: ASSIGN }])).map((f) => f.message)).toEqual([
      expect.stringContaining(`allows ${ASSIGN}`),
    ]);
    expect(findings((s) => new RoleDefinition(s, 'Role', { name: 'deployer', scope: SUBSCRIPTION }).addOverride('permissions', [{ actions: ASSIGN, not_actions: ASSIGN }]))).toEqual([]);
  });
});
