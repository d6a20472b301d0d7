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

// The N-teams rows (scripts/bench-teams.js; BENCH_TEAMS=0 skips them).
require('./bench-teams').benchTeams();
