import * as path from 'node:path';
import * as ts from 'typescript';
import { EXPECTED } from './public-api';

// Every export of every entry point (listed in ./public-api.ts), so that a
// new export is a deliberate change.
const repo = path.join(__dirname, '..', '..');
const pkg = require(path.join(repo, 'package.json'));

/** Entry point (package subpath) to its source. */
const ENTRY_POINTS: Record<string, string> = {
  '.': 'lib/index.ts',
  './checks': 'lib/checks/index.ts',
  './vault': 'lib/vault/index.ts',
  './secrets-sync': 'lib/secrets-sync/index.ts',
  './cert-manager': 'lib/cert-manager/index.ts',
  './entra': 'lib/entra/index.ts',
  './keyvault': 'lib/keyvault/index.ts',
  './platform': 'lib/platform/index.ts',
};

/** `name: kind` for each export, sorted; kind is class, function, const, enum, interface or type. */
function exportsOf(program: ts.Program, file: string): string[] {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(path.join(repo, file))!;
  return checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).map((s) => {
    const t = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
    const kind = t.flags & ts.SymbolFlags.Class ? 'class'
      : t.flags & ts.SymbolFlags.Function ? 'function'
        : t.flags & ts.SymbolFlags.Enum ? 'enum'
          : t.flags & ts.SymbolFlags.Variable ? 'const'
            : t.flags & ts.SymbolFlags.Interface ? 'interface' : 'type';
    return `${s.name}: ${kind}`;
  }).sort();
}

describe('public surface', () => {
  let program: ts.Program;
  beforeAll(() => {
    program = ts.createProgram(Object.values(ENTRY_POINTS).map((f) => path.join(repo, f)), {
      module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true, skipLibCheck: true, noEmit: true, types: [],
    });
  });

  it('publishes exactly these entry points', () => {
    expect(Object.keys(pkg.exports).filter((k) => k !== './package.json')).toEqual(Object.keys(ENTRY_POINTS));
    for (const [entry, file] of Object.entries(ENTRY_POINTS)) {
      const dist = file.replace(/^lib\//, './dist/').replace(/\.ts$/, '');
      expect(pkg.exports[entry]).toEqual({ types: `${dist}.d.ts`, default: `${dist}.js` });
      // moduleResolution `node` (what `cdktf init` writes) ignores `exports`.
      if (entry !== '.') expect(pkg.typesVersions['*'][entry.slice(2)]).toEqual([`${dist.slice(2)}.d.ts`]);
    }
    expect(Object.keys(pkg.typesVersions['*'])).toHaveLength(Object.keys(ENTRY_POINTS).length - 1);
  });

  it.each(Object.entries(ENTRY_POINTS))('%s exports only what a team should use', (entry, file) => {
    // Sorted here, so a family of exports added together can stay together in the list.
    expect(exportsOf(program, file)).toEqual([...EXPECTED[entry]].sort());
  });
});
