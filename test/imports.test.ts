import * as fs from 'node:fs';
import * as path from 'node:path';

// A package-root import of a provider loads every resource it has: for the
// four providers that is ~5 s and 600 MB instead of ~0.4 s and 70 MB. So does
// the provider's `lib` index (`@cdktf/provider-vault/lib`, with or without `/index`).
const ROOT_IMPORT = /(from\s+|require\(\s*|import\(\s*)['"]@cdktf\/provider-[a-z]+(\/lib(\/index(\.js)?)?)?\/?['"]/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === '__snapshots__' ? [] : sourceFiles(p);
    return /\.(ts|js|mjs|cjs)$/.test(e.name) ? [p] : [];
  });
}

describe('provider imports', () => {
  it('imports provider resources by deep path only', () => {
    const repo = path.join(__dirname, '..');
    const offenders = ['lib', 'stacks', 'examples', 'test', 'scripts']
      .flatMap((d) => sourceFiles(path.join(repo, d)))
      .filter((f) => f !== __filename && ROOT_IMPORT.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(repo, f));
    expect(offenders).toEqual([]);
  });

  it('recognises a root import', () => {
    expect(ROOT_IMPORT.test("import { Mount } from '@cdktf/provider-vault';")).toBe(true);
    expect(ROOT_IMPORT.test("import { mount } from '@cdktf/provider-vault/lib';")).toBe(true);
    expect(ROOT_IMPORT.test("const v = require('@cdktf/provider-vault/lib/index');")).toBe(true);
    expect(ROOT_IMPORT.test("import { Mount } from '@cdktf/provider-vault/lib/mount';")).toBe(false);
    expect(ROOT_IMPORT.test("import { Provider } from '@cdktf/provider-vault/lib/provider';")).toBe(false);
  });
});

describe('private modules', () => {
  // `lib/<domain>/private/` is for its own domain; what several domains share
  // lives in `lib/core/` (whose `private/` any domain may import).
  it('are imported only from their own domain, except core', () => {
    const repo = path.join(__dirname, '..');
    const lib = path.join(repo, 'lib');
    const offenders = sourceFiles(lib).flatMap((file) => {
      const text = fs.readFileSync(file, 'utf8');
      const domain = path.relative(lib, file).split(path.sep)[0];
      return [...text.matchAll(/from\s+['"](\.[^'"]*\/private\/[^'"]*)['"]/g)]
        .map((m) => path.relative(lib, path.resolve(path.dirname(file), m[1])).split(path.sep)[0])
        .filter((owner) => owner !== domain && owner !== 'core')
        .map((owner) => `${path.relative(repo, file)} imports ${owner}/private`);
    });
    expect(offenders).toEqual([]);
  });
});
