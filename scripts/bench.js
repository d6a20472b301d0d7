#!/usr/bin/env node
// `npm run bench`: synthesizes the stacks in fresh processes and compares their
// wall time and peak RSS with a process that only loads cdktf, measured the
// same way. Each round runs every case once, in a rotating order; a ratio is
// taken within a round and the median over the rounds is printed, so a slow
// spell on a shared machine moves both sides of a ratio rather than one.
//
// Rows:
//   - the example stacks (issue 2's definition of the bench),
//   - every stack, the homelab layers included (what `npm run synth` does),
//   - the same resources declared with plain cdktf (scripts/bench-plain.js):
//     cdktf's own price for this much Terraform, the floor under any library.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { writePlainProgram } = require('./bench-plain');

const ROUNDS = Number(process.env.BENCH_RUNS || 21);
const TARGET = 2.0;
const repo = path.join(__dirname, '..');
const probe = path.join(__dirname, 'bench-probe.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
const outdir = path.join(tmp, 'out');
const plainProgram = path.join(tmp, 'plain.js');

require('./register');
const examples = Object.keys(require('../examples').EXAMPLES);
const synth = ['-r', probe, '-r', './scripts/register.js', 'stacks/main.ts'];

const cases = {
  baseline: { args: ['-r', probe, '-e', "require('cdktf')"], label: "node -e \"require('cdktf')\"" },
  plain: { args: ['-r', probe, plainProgram], env: { CDKTF_OUTDIR: path.join(tmp, 'plain') }, label: 'plain cdktf, same resources' },
  examples: { args: synth, env: { STACKS: examples.join(',') }, label: `synth of the ${examples.length} example stacks` },
  every: { args: synth, label: 'synth of every stack' },
};

function once(c) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, c.args, {
    cwd: repo,
    env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1', ...c.env },
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${c.label} failed:\n${r.stderr}`);
  const kb = Number(/BENCH_MAXRSS_KB=(\d+)/.exec(r.stderr)[1]);
  return { ms, mb: kb / 1024 };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** The middle half of the rounds (25th to 75th percentile), to show how far one run can be trusted. */
const middleHalf = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.round(q * (s.length - 1))];
  return `${at(0.25).toFixed(2)}-${at(0.75).toFixed(2)}`;
};

try {
  // Warm the file cache and the transpile cache; the synth output feeds the plain program.
  once(cases.baseline);
  once(cases.every);
  const stacks = fs.readdirSync(path.join(outdir, 'stacks'));
  const elements = writePlainProgram(path.join(outdir, 'stacks'), plainProgram);
  once(cases.plain);

  const names = Object.keys(cases);
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) {
    const order = names.map((_, j) => names[(i + j) % names.length]);
    const round = {};
    for (const name of order) round[name] = once(cases[name]);
    rounds.push(round);
  }

  console.log(`median of ${ROUNDS} rounds, ${os.cpus().length} cores, node ${process.version}; ${stacks.length} stacks; plain cdktf declares their ${elements} resources and data sources`);
  console.log(`${''.padEnd(34)} ${'time'.padStart(7)} ${'peak RSS'.padStart(9)}   ratio to loading cdktf`);
  const ratios = {};
  for (const name of names) {
    const t = median(rounds.map((r) => r[name].ms));
    const m = median(rounds.map((r) => r[name].mb));
    let cells = '';
    if (name !== 'baseline') {
      ratios[name] = { t: median(rounds.map((r) => r[name].ms / r.baseline.ms)), m: median(rounds.map((r) => r[name].mb / r.baseline.mb)) };
      cells = `time ${ratios[name].t.toFixed(2)}x, RSS ${ratios[name].m.toFixed(2)}x`;
    }
    console.log(`${cases[name].label.padEnd(34)} ${t.toFixed(0).padStart(4)} ms ${m.toFixed(1).padStart(6)} MB   ${cells}`);
  }
  const lib = median(rounds.map((r) => r.every.ms / r.plain.ms));
  console.log(`this library over plain cdktf, every stack: time ${lib.toFixed(2)}x`);
  for (const name of ['examples', 'every']) {
    const r = ratios[name];
    const ok = r.t <= TARGET && r.m <= TARGET;
    const spread = middleHalf(rounds.map((x) => x[name].ms / x.baseline.ms));
    console.log(`${cases[name].label}: ratio ${r.t.toFixed(2)}x time (middle half of rounds ${spread}), ${r.m.toFixed(2)}x RSS (target: at most ${TARGET.toFixed(1)}) ${ok ? 'met' : 'NOT met'}`);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

// Issue 13's rows: what the packaged library costs a team. A copy of
// test/consumer with the packed library installed (scripts/team-project.js):
//   - its `tsc` against the same project declaring the same resources with
//     the provider classes only (target: at most 1.3x);
//   - loading the vault + secrets-sync entry points, and then reading the four
//     constructs the team uses (which loads their modules, cdktf and the
//     provider resources they create), against `require('cdktf')` (target: at
//     most 1.2x).

function packageRows() {
  const { installTeamProject } = require('./team-project');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-team-'));
  try {
    const { team, env } = installTeamProject(dir);
    fs.writeFileSync(path.join(team, 'plain.ts'), PLAIN_TEAM_STACK);
    for (const [name, file] of [['with-library', 'main.ts'], ['plain', 'plain.ts']]) {
      fs.writeFileSync(path.join(team, `tsconfig.${name}.json`), JSON.stringify({
        extends: './tsconfig.json', compilerOptions: { noEmit: true, incremental: false }, include: [file],
      }));
    }
    const tsc = path.join(team, 'node_modules', 'typescript', 'bin', 'tsc');
    const entry = "const v = require('vault-platform-constructs/vault'); const s = require('vault-platform-constructs/secrets-sync');";
    const groups = [
      {
        rounds: Number(process.env.BENCH_TSC_RUNS || 7),
        target: 1.3,
        cases: {
          plain: { args: [tsc, '-p', 'tsconfig.plain.json'], label: 'team tsc, provider classes only' },
          library: { args: [tsc, '-p', 'tsconfig.with-library.json'], label: 'team tsc, with the library' },
        },
      },
      {
        rounds: ROUNDS,
        target: 1.2,
        cases: {
          cdktf: { args: ['-e', "require('cdktf')"], label: "node -e \"require('cdktf')\"" },
          entries: { args: ['-e', entry], label: 'load vault + secrets-sync entries' },
          used: { args: ['-e', `${entry} v.KvV2Mount; v.VaultK8sAuth; s.VaultSecretStore; s.ExternalSecret;`], label: '... and read 4 constructs' },
        },
      },
    ];
    const time = (c) => {
      const start = process.hrtime.bigint();
      const r = spawnSync(process.execPath, c.args, { cwd: team, env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${c.label} failed:\n${r.stdout}\n${r.stderr}`);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    console.log('\nteam project (test/consumer with the packed library installed)');
    for (const group of groups) {
      const names = Object.keys(group.cases);
      for (const name of names) time(group.cases[name]); // warm the file cache
      const rounds = [];
      for (let i = 0; i < group.rounds; i++) {
        const round = {};
        for (let j = 0; j < names.length; j++) round[names[(i + j) % names.length]] = time(group.cases[names[(i + j) % names.length]]);
        rounds.push(round);
      }
      const [base, ...rest] = names;
      console.log(`${group.cases[base].label.padEnd(36)} ${median(rounds.map((r) => r[base])).toFixed(0).padStart(5)} ms   (median of ${group.rounds} rounds)`);
      for (const name of rest) {
        const ratios = rounds.map((r) => r[name] / r[base]);
        const ratio = median(ratios);
        console.log(`${group.cases[name].label.padEnd(36)} ${median(rounds.map((r) => r[name])).toFixed(0).padStart(5)} ms   ${ratio.toFixed(2)}x (middle half ${middleHalf(ratios)}; target at most ${group.target}) ${ratio <= group.target ? 'met' : 'NOT met'}`);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** test/consumer's PaymentsStack with the same resources written with provider classes. */
const PLAIN_TEAM_STACK = `
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { KubernetesAuthBackendRole } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-role';
import { Mount } from '@cdktf/provider-vault/lib/mount';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';

export class PaymentsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new VaultProvider(this, 'vault', {});
    new KubernetesProvider(this, 'kubernetes', {});
    const kv = new Mount(this, 'Kv', { path: 'payments', type: 'kv', options: { version: '2' }, lifecycle: { preventDestroy: true } });
    const policy = new Policy(this, 'Policy', { name: 'payments-api-kv-read', policy: 'path "payments/data/api/*" {\\n  capabilities = ["read"]\\n}\\n', dependsOn: [kv] });
    new KubernetesAuthBackendRole(this, 'Role', {
      backend: 'kubernetes', roleName: 'payments-api', boundServiceAccountNames: ['payments-api'],
      boundServiceAccountNamespaces: ['payments'], audience: 'vault', tokenTtl: 900, tokenPolicies: [policy.name],
    });
    const store = new Manifest(this, 'Store', { manifest: { apiVersion: 'external-secrets.io/v1', kind: 'SecretStore', metadata: { name: 'payments-vault', namespace: 'payments' } } });
    new Manifest(this, 'DbPassword', { manifest: { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'db-password', namespace: 'payments' } }, dependsOn: [store] });
  }
}

const app = new App();
new PaymentsStack(app, 'team-payments');
app.synth();
`;

packageRows();

// The N-teams rows (scripts/bench-teams.js; BENCH_TEAMS=0 skips them).
require('./bench-teams').benchTeams();
