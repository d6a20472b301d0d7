#!/usr/bin/env node
// `npm run bench`: synthesizes every stack in a fresh process and compares its
// wall time and peak RSS with a process that only loads cdktf, measured the
// same way, alternating the two. Prints medians and their ratios.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const RUNS = Number(process.env.BENCH_RUNS || 7);
const repo = path.join(__dirname, '..');
const probe = path.join(__dirname, 'bench-probe.js');
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));

const cases = {
  baseline: { args: ['-r', probe, '-e', "require('cdktf')"], label: "node -e \"require('cdktf')\"" },
  synth: { args: ['-r', probe, '-r', './scripts/register.js', 'stacks/main.ts'], label: 'synth of every stack' },
};

function once(c) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, c.args, {
    cwd: repo,
    env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' },
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

try {
  once(cases.baseline); // warm the file cache for both
  once(cases.synth);
  const results = { baseline: [], synth: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const name of i % 2 ? ['synth', 'baseline'] : ['baseline', 'synth']) results[name].push(once(cases[name]));
  }
  const stacks = fs.readdirSync(path.join(outdir, 'stacks')).length;
  const row = (name) => {
    const t = median(results[name].map((r) => r.ms));
    const m = median(results[name].map((r) => r.mb));
    console.log(`${cases[name].label.padEnd(32)} ${t.toFixed(0).padStart(6)} ms ${m.toFixed(1).padStart(8)} MB`);
    return { t, m };
  };
  console.log(`median of ${RUNS} alternating runs each, ${os.cpus().length} cores, node ${process.version}`);
  const b = row('baseline');
  const s = row('synth');
  console.log(`stacks synthesized: ${stacks}`);
  console.log(`ratio: time ${(s.t / b.t).toFixed(2)}x, peak RSS ${(s.m / b.m).toFixed(2)}x (target: at most 2.0)`);
} finally {
  fs.rmSync(outdir, { recursive: true, force: true });
}
