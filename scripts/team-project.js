// A team's project with the packed library installed, as `npm test`
// (test/package/consumer.test.ts) and `npm run bench` use it: test/consumer
// copied to `dir`, the library packed with `npm pack` (which runs the build),
// and `npm install --offline` from the npm cache `npm ci` filled.
//
// The project's package-lock.json is cut from the root lock: the packages its
// dependencies need, at the same places in the tree, plus the tarball. With it
// npm needs no registry metadata, only the cached tarballs.
'use strict';
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const repo = path.join(__dirname, '..');
const fixture = path.join(repo, 'test', 'consumer');
const TARBALL = 'vault-platform-constructs.tgz';

/** Environment for every child: temp files under `dir`, no telemetry, no npm chatter. */
function teamEnv(dir) {
  return {
    ...process.env,
    TMPDIR: path.join(dir, 'tmpdir'),
    CHECKPOINT_DISABLE: '1',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
}

/** Runs a command; on failure the error carries its output. */
function run(cmd, args, options) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: 'pipe', ...options });
  } catch (e) {
    throw new Error(`${cmd} ${args.join(' ')} failed:\n${e.stdout ?? ''}\n${e.stderr ?? e.message}`);
  }
}

/**
 * Packs the library and installs it into a copy of test/consumer at
 * `<dir>/team`. Returns the project directory and `npm pack`'s report.
 */
function installTeamProject(dir) {
  const team = path.join(dir, 'team');
  const env = teamEnv(dir);
  fs.mkdirSync(env.TMPDIR, { recursive: true });
  fs.cpSync(fixture, team, { recursive: true, filter: (src) => !/[\\/](node_modules|cdktf\.out)$/.test(src) });
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: repo, env }));
  fs.renameSync(path.join(dir, packed.filename), path.join(team, TARBALL));
  const integrity = `sha512-${crypto.createHash('sha512').update(fs.readFileSync(path.join(team, TARBALL))).digest('base64')}`;
  const manifest = JSON.parse(fs.readFileSync(path.join(team, 'package.json'), 'utf8'));
  fs.writeFileSync(path.join(team, 'package-lock.json'), `${JSON.stringify(consumerLock(manifest, integrity), null, 2)}\n`);
  run('npm', ['install', '--offline', '--ignore-scripts'], { cwd: team, env });
  return { team, env, packed };
}

/** The team project's lock: its dependencies' closure in the root lock, plus the library tarball. */
function consumerLock(consumer, integrity) {
  const root = JSON.parse(fs.readFileSync(path.join(repo, 'package-lock.json'), 'utf8'));
  const lib = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
  const libKey = `node_modules/${lib.name}`;
  const libEntry = {
    version: lib.version,
    resolved: `file:${TARBALL}`,
    integrity,
    license: lib.license,
    dependencies: lib.dependencies,
    peerDependencies: lib.peerDependencies,
    peerDependenciesMeta: lib.peerDependenciesMeta,
    engines: lib.engines,
  };
  const entryAt = (key) => (key === libKey ? libEntry : root.packages[key]);

  // Where Node finds `name` from the package at lock key `from`.
  const locate = (from, name) => {
    for (let dir = from; ; dir = dir.includes('/node_modules/') ? dir.slice(0, dir.lastIndexOf('/node_modules/')) : '') {
      const key = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
      if (entryAt(key)) return key;
      if (!dir) return undefined;
    }
  };

  const packages = {};
  const visit = (key) => {
    if (packages[key]) return;
    const { dev, optional, peer, ...kept } = entryAt(key);
    packages[key] = kept;
    const entry = entryAt(key);
    const needs = [
      ...Object.keys(entry.dependencies ?? {}).map((n) => [n, false]),
      ...Object.keys(entry.optionalDependencies ?? {}).map((n) => [n, true]),
      ...Object.keys(entry.peerDependencies ?? {}).map((n) => [n, entry.peerDependenciesMeta?.[n]?.optional ?? false]),
    ];
    for (const [name, isOptional] of needs) {
      const at = locate(key, name);
      if (at) visit(at);
      else if (!isOptional) throw new Error(`${key} needs ${name}, which the root package-lock.json does not hold`);
    }
  };

  const direct = { ...consumer.dependencies, ...consumer.devDependencies };
  for (const [name, version] of Object.entries(direct)) {
    if (name === lib.name) continue;
    const have = root.packages[`node_modules/${name}`]?.version;
    if (have !== version) {
      throw new Error(`test/consumer wants ${name}@${version} but the root package-lock.json has ${have ?? 'none'}: `
        + 'the offline install can only use what `npm ci` cached, so keep the versions in step');
    }
  }
  for (const name of Object.keys(direct)) visit(`node_modules/${name}`);

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

module.exports = { installTeamProject, run, teamEnv };
