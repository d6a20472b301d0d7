import { escapeLiterals } from '../../lib/core/template-literal';

// A key that needs escaping before any value does (mutation testing, issue #19):
// the copy made for it keeps every other key.
it('copies the whole object when the first change is an escaped key', () => {
  const value = { 'a ${x}': 1, b: 2, c: { d: 'e' } };
  expect(escapeLiterals(value)).toEqual({ 'a $${x}': 1, b: 2, c: { d: 'e' } });
  expect(value).toEqual({ 'a ${x}': 1, b: 2, c: { d: 'e' } });
});
