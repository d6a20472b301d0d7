#!/usr/bin/env node
// The "N teams" rows of `npm run bench` (also `node scripts/bench-teams.js`
// alone): a platform of N teams (scripts/bench-teams-app.ts, the rule pack
// included) against the same resources declared in plain cdktf
// (scripts/bench-plain.js, data mode), at N = 10, 200 and 1000.
//
//   BENCH_TEAMS=10,200,1000      the sizes (BENCH_TEAMS=0 skips these rows)
//   BENCH_TEAMS_RUNS=15,7,3      rounds per size (one number: every size)
//
// Each round runs the library and the plain program once, alternating which
// goes first; a ratio is taken within a round, and the median and the range
// of the rounds are printed. Time is wall time of a fresh process; memory is
// its peak RSS.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { writePlainDataProgram } = require('./bench-plain');

const TARGET = 1.1;
const repo = path.join(__dirname, '..');
const probe = path.join(__dirname, 'bench-probe.js');

const list = (v, d) => String(v ?? d).split(',').map((s) => Number(s.trim())).filter((n) => Number.isFinite(n));

function run(args, env) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: repo, env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env }, encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed:\n${r.stderr}`);
  return { ms, mb: Number(/BENCH_MAXRSS_KB=(\d+)/.exec(r.stderr)[1]) / 1024 };
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => {
  const s = sorted(xs);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const range = (xs) => `${sorted(xs)[0].toFixed(2)}-${sorted(xs)[xs.length - 1].toFixed(2)}`;

/** Runs the rows and prints them; returns the measurements per size. */
function benchTeams() {
  const sizes = list(process.env.BENCH_TEAMS, '10,200,1000').filter((n) => n > 0);
  if (!sizes.length) return [];
  const runs = list(process.env.BENCH_TEAMS_RUNS, '15,7,3');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-teams-'));
  const rows = [];
  try {
    sizes.forEach((n, i) => {
      const rounds = runs[Math.min(i, runs.length - 1)];
      const libOut = path.join(tmp, `lib-${n}`);
      const lib = () => run(['-r', probe, '-r', './scripts/register.js', 'scripts/bench-teams-app.ts'], { BENCH_TEAMS: String(n), CDKTF_OUTDIR: libOut });
      const program = path.join(tmp, `plain-${n}.js`);
      const plain = () => run(['-r', probe, program], { CDKTF_OUTDIR: path.join(tmp, `plain-${n}`) });
      // Warm the caches; the library's output feeds the plain program.
      lib();
      const elements = writePlainDataProgram(path.join(libOut, 'stacks'), program);
      plain();
      const samples = [];
      for (let r = 0; r < rounds; r++) {
        const pair = r % 2 ? [['plain', plain], ['lib', lib]] : [['lib', lib], ['plain', plain]];
        const s = {};
        for (const [name, f] of pair) s[name] = f();
        samples.push(s);
      }
      const row = {
        teams: n,
        elements,
        rounds,
        lib: { ms: median(samples.map((s) => s.lib.ms)), mb: median(samples.map((s) => s.lib.mb)) },
        plain: { ms: median(samples.map((s) => s.plain.ms)), mb: median(samples.map((s) => s.plain.mb)) },
        time: samples.map((s) => s.lib.ms / s.plain.ms),
        rss: samples.map((s) => s.lib.mb / s.plain.mb),
      };
      rows.push(row);
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  console.log(`\nN teams (each: KV mount, auth role + grant, ESO store + 3 ExternalSecrets, VSO auth + static secret, PKI role, Vault issuer + Certificate), rule pack included, against plain cdktf declaring the same resources; ${os.cpus().length} cores, node ${process.version}`);
  console.log(`${'teams'.padStart(5)} ${'resources'.padStart(9)} ${'rounds'.padStart(6)} ${'library'.padStart(17)} ${'plain cdktf'.padStart(17)}   ratio time (range)    ratio RSS (range)`);
  for (const r of rows) {
    const t = median(r.time);
    const m = median(r.rss);
    const ok = t <= TARGET && m <= TARGET;
    console.log(
      `${String(r.teams).padStart(5)} ${String(r.elements).padStart(9)} ${String(r.rounds).padStart(6)} ` +
        `${`${r.lib.ms.toFixed(0)} ms ${r.lib.mb.toFixed(0)} MB`.padStart(17)} ${`${r.plain.ms.toFixed(0)} ms ${r.plain.mb.toFixed(0)} MB`.padStart(17)}   ` +
        `${t.toFixed(2)}x (${range(r.time)})`.padEnd(21) + ` ${m.toFixed(2)}x (${range(r.rss)})  ${ok ? 'met' : 'NOT met'} (target ${TARGET.toFixed(2)}x)`,
    );
  }
  // Linear in N: the cost of one more team, between successive sizes.
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1], rows[i]];
    const per = (k) => (b[k].ms - a[k].ms) / (b.teams - a.teams);
    console.log(`one team more, ${a.teams} -> ${b.teams}: library ${per('lib').toFixed(1)} ms, plain ${per('plain').toFixed(1)} ms`);
  }
  return rows;
}

module.exports = { benchTeams };

if (require.main === module) benchTeams();
