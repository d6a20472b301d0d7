import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';

const checked = new WeakSet<IConstruct>();

/**
 * Throws when `scope` belongs to an app built with another copy of `cdktf` or
 * `constructs` than the one this library loaded.
 *
 * Two copies happen when a team's versions do not match the library's peer
 * range, or the library is installed from a path with its own node_modules.
 * cdktf marks stacks and apps with `Symbol.for` markers, so everything seems
 * to work, but aspects and dependencies live under per-copy state: the rule
 * pack silently judges nothing and every `depends_on` the constructs write
 * is lost. Failing on the first construct is the only safe answer.
 *
 * Cheap: one `instanceof` per stack (then a WeakSet lookup).
 */
export function assertSingleCdktf(scope: IConstruct): void {
  const stack = nearestStack(scope) ?? scope.node.root;
  if (checked.has(stack)) return;
  const root = scope.node.root;
  if (!(root instanceof Construct)) throw twoCopies('constructs', Construct, root);
  if (TerraformStack.isStack(stack) && !(stack instanceof TerraformStack)) throw twoCopies('cdktf', TerraformStack, stack);
  if (App.isApp(root) && !(root instanceof App)) throw twoCopies('cdktf', App, root);
  checked.add(stack);
}

function nearestStack(scope: IConstruct): IConstruct | undefined {
  for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
    if (TerraformStack.isStack(c)) return c;
  }
  return undefined;
}

function twoCopies(pkg: 'cdktf' | 'constructs', ours: Function, theirs: object): Error {
  const oursAt = packageDir(pkg, require.resolve(`${pkg}/package.json`));
  const theirsAt = copyOf(pkg, ours.name, theirs) ?? 'another copy (not found in require.cache)';
  return new Error(
    `vault-platform-constructs: two copies of '${pkg}' are loaded. The app's constructs come from ${theirsAt}, `
    + `the library's from ${oursAt}. Aspects and dependencies do not cross copies, so the security rule pack `
    + `would check nothing and depends_on would be lost. Install one copy: give the app the ${pkg} version `
    + `the library's peer dependency asks for, then run 'npm dedupe' (and 'npm ls ${pkg}' to confirm a single copy).`,
  );
}

/** The package directory of the module that exports the class `name` found in `instance`'s prototype chain. */
function copyOf(pkg: string, name: string, instance: object): string | undefined {
  let ctor: Function | undefined;
  for (let p = Object.getPrototypeOf(instance); p && !ctor; p = Object.getPrototypeOf(p)) {
    if (Object.prototype.hasOwnProperty.call(p, 'constructor') && p.constructor.name === name) ctor = p.constructor;
  }
  if (ctor) {
    for (const [file, mod] of Object.entries(require.cache)) {
      if (mod?.exports?.[name] === ctor) return packageDir(pkg, file);
    }
  }
  // Under jest require.cache is not the module registry: ask the resolver from the working directory.
  try {
    const fromCwd = require.resolve(`${pkg}/package.json`, { paths: [process.cwd()] });
    const dir = packageDir(pkg, fromCwd);
    if (dir !== packageDir(pkg, require.resolve(`${pkg}/package.json`))) return `${dir} (resolved from ${process.cwd()})`;
  } catch {
    // no copy reachable from the working directory
  }
  return undefined;
}

function packageDir(pkg: string, file: string): string {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        if (JSON.parse(fs.readFileSync(manifest, 'utf8')).name === pkg) return dir;
      } catch {
        // not a package manifest we can read: keep walking up
      }
    }
  }
  return path.dirname(file);
}
