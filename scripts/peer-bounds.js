#!/usr/bin/env node
// `npm run test:peer-bounds` (needs the npm registry; not part of `npm test`):
// checks the lower bounds of package.json's peer dependency ranges. It copies
// the committed tree (`git archive HEAD`) to a temp dir, installs the locked
// dependencies, replaces cdktf, constructs and every provider with the lowest
// version its range allows, and runs `tsc --noEmit` and jest there.
//
// A provider version that lacks an attribute the constructs set fails tsc
// (and drops the attribute from the JSON, which the tests catch): that is how
// @cdktf/provider-vault 15.0-15.1 (no root_password_ttl) and
// @cdktf/provider-azurerm < 14.11 (no rbac_authorization_enabled) were found.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const repo = path.join(__dirname, '..');
const { peerDependencies } = require('../package.json');
const lowest = Object.entries(peerDependencies).map(([name, range]) => {
  const m = /^\^?(\d+\.\d+\.\d+)$/.exec(range);
  if (!m) throw new Error(`${name}: cannot take the lowest version of '${range}'`);
  return `${name}@${m[1]}`;
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peer-bounds-'));
const sh = (cmd, args) => execFileSync(cmd, args, { cwd: dir, stdio: 'inherit', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
try {
  execFileSync('sh', ['-c', `git -C "${repo}" archive HEAD | tar -x -C "${dir}"`]);
  sh('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund']);
  const locked = terraformProviderVersions();
  console.log(`lowest peers: ${lowest.join(' ')}`);
  sh('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', ...lowest]);
  retargetSnapshots(locked, terraformProviderVersions());
  sh('npx', ['tsc', '--noEmit']);
  // The consumer test installs test/consumer's pinned versions from the root lock; skip it here.
  sh('npx', ['jest', '--ci', '--testPathIgnorePatterns', 'test/package/consumer']);
  console.log(`peer lower bounds hold: ${lowest.join(' ')}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The Terraform provider version each installed @cdktf/provider-* package was generated for. */
function terraformProviderVersions() {
  const versions = {};
  for (const name of Object.keys(peerDependencies).filter((n) => n.startsWith('@cdktf/provider-'))) {
    const source = fs.readFileSync(path.join(dir, 'node_modules', name, 'lib', 'provider', 'index.js'), 'utf8');
    versions[name] = /providerVersion: ['"]([^'"]+)['"]/.exec(source)[1];
  }
  return versions;
}

/**
 * Snapshots pin `required_providers` to the locked packages' Terraform
 * provider versions; an older package writes its own. Only those lines change
 * in the copy, so every other difference still fails the run.
 */
function retargetSnapshots(from, to) {
  const olds = Object.values(from);
  if (new Set(olds).size !== olds.length) throw new Error(`two providers share a version, cannot retarget snapshots: ${JSON.stringify(from)}`);
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(d, e.name);
    return e.isDirectory() ? (e.name === 'node_modules' ? [] : walk(p)) : e.name.endsWith('.snap') ? [p] : [];
  });
  for (const file of walk(path.join(dir, 'test'))) {
    let text = fs.readFileSync(file, 'utf8');
    for (const name of Object.keys(from)) text = text.split(`"version": "${from[name]}"`).join(`"version": "${to[name]}"`);
    fs.writeFileSync(file, text);
  }
}
