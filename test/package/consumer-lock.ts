import * as fs from 'node:fs';
import * as path from 'node:path';

/** One entry of package-lock.json's `packages` (lockfileVersion 3). */
interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  optional?: boolean;
  peer?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

/**
 * A package-lock.json for the consumer project, cut from the root lock: the
 * packages its dependencies need, at the same places in the tree, plus the
 * library tarball. With it `npm install --offline` needs no registry metadata,
 * only the tarballs `npm ci` put in npm's cache. Fails when the consumer asks
 * for a version the root lock does not hold (keep them in step).
 */
export function consumerLock(repo: string, consumer: { name: string; version: string; dependencies: Record<string, string>; devDependencies: Record<string, string> },
  library: { tarball: string; integrity: string }): object {
  const root = JSON.parse(fs.readFileSync(path.join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const libPkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
  const packages: Record<string, LockEntry> = {};

  const libEntry: LockEntry = {
    version: libPkg.version,
    resolved: `file:${library.tarball}`,
    integrity: library.integrity,
    license: libPkg.license,
    dependencies: libPkg.dependencies,
    peerDependencies: libPkg.peerDependencies,
    peerDependenciesMeta: libPkg.peerDependenciesMeta,
    engines: libPkg.engines,
  };

  /** Where Node finds `name` from the package at `from` (a lock key, '' for the project). */
  const locate = (from: string, name: string): string | undefined => {
    for (let dir = from; ; dir = dir.includes('/node_modules/') ? dir.slice(0, dir.lastIndexOf('/node_modules/')) : '') {
      const key = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
      if (key === `node_modules/${libPkg.name}`) return key;
      if (root.packages[key]) return key;
      if (!dir) return undefined;
    }
  };

  const visit = (key: string, wanted: string, optional: boolean) => {
    if (packages[key]) return;
    const entry = key === `node_modules/${libPkg.name}` ? libEntry : root.packages[key];
    if (!entry) {
      if (optional) return;
      throw new Error(`the root package-lock.json has no ${key} (wanted ${wanted})`);
    }
    const { dev: _dev, optional: _optional, peer: _peer, ...kept } = entry;
    packages[key] = kept;
    const from = key;
    const needs: Array<[string, boolean]> = [
      ...Object.keys(entry.dependencies ?? {}).map((n): [string, boolean] => [n, false]),
      ...Object.keys(entry.optionalDependencies ?? {}).map((n): [string, boolean] => [n, true]),
      ...Object.keys(entry.peerDependencies ?? {}).map((n): [string, boolean] => [n, entry.peerDependenciesMeta?.[n]?.optional ?? false]),
    ];
    for (const [name, opt] of needs) {
      const at = locate(from, name);
      if (at) visit(at, name, opt);
      else if (!opt) throw new Error(`${key} needs ${name}, which the root package-lock.json does not hold`);
    }
  };

  const direct = { ...consumer.dependencies, ...consumer.devDependencies };
  for (const [name, version] of Object.entries(direct)) {
    if (name === libPkg.name) continue;
    const have = root.packages[`node_modules/${name}`]?.version;
    if (have !== version) throw new Error(`test/consumer wants ${name}@${version}; the root package-lock.json has ${have ?? 'none'}: use the same version`);
  }
  for (const name of Object.keys(direct)) visit(`node_modules/${name}`, name, false);

  return {
    name: consumer.name,
    version: consumer.version,
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: consumer.name, version: consumer.version, dependencies: consumer.dependencies, devDependencies: consumer.devDependencies },
      ...Object.fromEntries(Object.entries(packages).sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}
