import { CelUnsupported, evaluateCel } from '../../scripts/cel';

describe('the CEL subset of the vendored CRDs', () => {
  it.each([
    ['has(self.a) || has(self.b)', { a: 1 }, true],
    ['has(self.a) || has(self.b)', {}, false],
    ['has(self.a) || has(self.b)', { a: null }, false],
    ['[has(self.a),has(self.b)].filter(x,x==true).size() <= 1', { a: 1, b: 2 }, false],
    ['[has(self.a),has(self.b)].filter(x,x==true).size() <= 1', { b: 2 }, true],
    ['[has(self.a),has(self.b),has(self.c)].filter(x,x==true).size() == 1', {}, false],
    ['(has(self.a) ? 1 : 0) + (has(self.b) ? 1 : 0) + (has(self.c) ? 1 : 0) == 1', { c: {} }, true],
    ["!('esoNamespace' in self) && !('esoStoreName' in self)", { team: 'x' }, true],
    ["!('esoNamespace' in self) && !('esoStoreName' in self)", { esoStoreName: 'x' }, false],
    ['has(self.value) != has(self.secretRef)', { value: 'v', secretRef: {} }, false],
    ['has(self.token) || (has(self.username) && has(self.password))', { username: 'u', password: 'p' }, true],
    ['self.a.size() > 2 && self.a[0] == "x"', { a: ['x', 'y', 'z'] }, true],
    ['self.items.all(i, i > 0) && self.items.exists(i, i == 2)', { items: [1, 2] }, true],
  ])('%s with self = %j is %s', (rule, self, expected) => {
    expect(evaluateCel(rule, self)).toBe(expected);
  });

  it.each([
    ['self.name.matches("^a")', { name: 'a' }],
    ['self == oldSelf', {}],
    ['self.missing == 1', {}],
    ['self.a +', { a: 1 }],
    ['1 + 1', {}],
  ])('refuses to guess %s', (rule, self) => {
    expect(() => evaluateCel(rule, self)).toThrow(CelUnsupported);
  });
});
