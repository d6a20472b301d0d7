import { blocksOf, leaves } from '../../lib/checks/private/values';

describe('blocksOf', () => {
  it('reads a nested block as Terraform JSON takes it: a list of objects, or one object', () => {
    expect(blocksOf([{ a: 1 }, { b: 2 }])).toEqual([{ a: 1 }, { b: 2 }]);
    expect(blocksOf({ a: 1 })).toEqual([{ a: 1 }]);
  });
  it('drops what is not a block: nothing, null, scalars, null entries', () => {
    expect([undefined, null, 'x', 5, true, []].map(blocksOf)).toEqual([[], [], [], [], [], []]);
    expect(blocksOf([null, 'x', { a: 1 }, 5])).toEqual([{ a: 1 }]);
  });
});

describe('leaves', () => {
  it('lists every leaf with its own path, depth first, in key order', () => {
    const found = leaves({ a: { b: [1, { c: 'x' }], d: null }, e: true });
    expect(found).toEqual([
      [['a', 'b', '0'], 1],
      [['a', 'b', '1', 'c'], 'x'],
      [['a', 'd'], null],
      [['e'], true],
    ]);
    // Each path is its own array: a rule may keep or change one.
    found[0][0].push('changed');
    expect(found[1][0]).toEqual(['a', 'b', '1', 'c']);
  });

  it('starts from a given path and treats a scalar as one leaf', () => {
    expect(leaves('v', ['root'])).toEqual([[['root'], 'v']]);
    expect(leaves({}, ['root'])).toEqual([]);
  });
});

describe('leaves, keyed', () => {
  it('returns only the leaves whose own key passes, with their full paths', () => {
    expect(leaves({ spec: { skipTLSVerify: true, a: [{ skipTLSVerify: false }], skip: { x: 1 } } }, [], (k) => k === 'skipTLSVerify')).toEqual([
      [['spec', 'skipTLSVerify'], true],
      [['spec', 'a', '0', 'skipTLSVerify'], false],
    ]);
  });
});

describe('leaves, at their edges', () => {
  it('visits every index of a list, the holes a set entry leaves included', () => {
    // effectiveHelmValues sets `a[1]` into a list with nothing at index 0, as Helm does.
    const list: unknown[] = [];
    list[1] = 'x';
    expect(leaves({ a: list })).toEqual([[['a', '0'], undefined], [['a', '1'], 'x']]);
  });

  it("gives a scalar at the root the key '' when leaves are keyed", () => {
    const keys: string[] = [];
    expect(leaves('v', [], (k) => (keys.push(k), k === ''))).toEqual([[[], 'v']]);
    expect(keys).toEqual(['']);
  });
});
