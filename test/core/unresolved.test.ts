import { TerraformVariable } from 'cdktf';
import { holdsTerraformExpression, isUnresolvedToken } from '../../lib/core/unresolved';
import { testStack } from '../helpers';

describe('values known only at apply time', () => {
  it('recognises cdktf tokens in props, list elements included', () => {
    const stack = testStack();
    const list = new TerraformVariable(stack, 'L', { type: 'list(string)' }).listValue;
    expect([new TerraformVariable(stack, 'S', { type: 'string' }).stringValue, list, ...list].every(isUnresolvedToken)).toBe(true);
    expect(['literal', '${not.a.token}', 3, undefined].some(isUnresolvedToken)).toBe(false);
  });

  it('recognises Terraform expressions in a synthesized configuration', () => {
    expect(['${var.x}', 'prefix-${azurerm_key_vault.kv.name}'].every(holdsTerraformExpression)).toBe(true);
    expect(['literal', '$ {x}', 42, null, undefined].some(holdsTerraformExpression)).toBe(false);
  });
});
