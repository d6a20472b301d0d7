#!/usr/bin/env node
// The "N teams" rows of `npm run bench` (also `node scripts/bench-teams.js`
// alone): a platform of N teams (scripts/bench-teams-app.ts, the rule pack
// included) against the same resources declared in plain cdktf
// (scripts/bench-plain.js, data mode), at N = 10, 200 and 1000.
//
//   BENCH_TEAMS=10,200,1000      the sizes (BENCH_TEAMS=0 skips these rows)
//   BENCH_TEAMS_RUNS=15,7,5      rounds per size (one number: every size)
//
// Each round runs the library and the plain program once, alternating which
// goes first; a ratio is taken within a round, and the median and the range
// of the rounds are printed. Time is the wall time and the CPU time (user +
// system) of a fresh process; memory is its peak RSS.
//
// Where the gap goes: each round also runs the plain program with the
// library's construct tree (the same resources below empty scopes, the same
// addresses) and the library without the rule pack (BENCH_NO_PACK=1), so
// the distance from plain cdktf splits into what cdktf charges for the tree,
// what the library's constructs cost, and what the rule pack costs.
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
  return { ms, cpu: Number(/BENCH_CPU_MS=(\d+)/.exec(r.stderr)[1]), mb: Number(/BENCH_MAXRSS_KB=(\d+)/.exec(r.stderr)[1]) / 1024 };
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
  const runs = list(process.env.BENCH_TEAMS_RUNS, '15,7,5');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-teams-'));
  const rows = [];
  try {
    sizes.forEach((n, i) => {
      const rounds = runs[Math.min(i, runs.length - 1)];
      const libOut = path.join(tmp, `lib-${n}`);
      const lib = () => run(['-r', probe, '-r', './scripts/register.js', 'scripts/bench-teams-app.ts'], { BENCH_TEAMS: String(n), CDKTF_OUTDIR: libOut });
      const noPack = () => run(['-r', probe, '-r', './scripts/register.js', 'scripts/bench-teams-app.ts'], { BENCH_TEAMS: String(n), BENCH_NO_PACK: '1', CDKTF_OUTDIR: path.join(tmp, `nopack-${n}`) });
      const program = path.join(tmp, `plain-${n}.js`);
      const plain = () => run(['-r', probe, program], { CDKTF_OUTDIR: path.join(tmp, `plain-${n}`) });
      const treeProgram = path.join(tmp, `tree-${n}.js`);
      const tree = () => run(['-r', probe, treeProgram], { CDKTF_OUTDIR: path.join(tmp, `tree-${n}`) });
      // Warm the caches; the library's output feeds the plain programs.
      lib();
      const elements = writePlainDataProgram(path.join(libOut, 'stacks'), program);
      writePlainDataProgram(path.join(libOut, 'stacks'), treeProgram, { tree: true });
      plain();
      const order = [['lib', lib], ['plain', plain], ['noPack', noPack], ['tree', tree]];
      const samples = [];
      for (let r = 0; r < rounds; r++) {
        const s = {};
        // Rotate who goes first, so a slow spell does not always hit the same program.
        for (let k = 0; k < order.length; k++) {
          const [name, f] = order[(r + k) % order.length];
          s[name] = f();
        }
        samples.push(s);
      }
      const row = {
        teams: n,
        elements,
        rounds,
        lib: { ms: median(samples.map((s) => s.lib.ms)), cpu: median(samples.map((s) => s.lib.cpu)), mb: median(samples.map((s) => s.lib.mb)) },
        plain: { ms: median(samples.map((s) => s.plain.ms)), cpu: median(samples.map((s) => s.plain.cpu)), mb: median(samples.map((s) => s.plain.mb)) },
        time: samples.map((s) => s.lib.ms / s.plain.ms),
        cpu: samples.map((s) => s.lib.cpu / s.plain.cpu),
        rss: samples.map((s) => s.lib.mb / s.plain.mb),
        split: Object.fromEntries(['tree', 'noPack', 'lib'].map((k) => [k, { cpu: samples.map((s) => s[k].cpu / s.plain.cpu), rss: samples.map((s) => s[k].mb / s.plain.mb) }])),
      };
      rows.push(row);
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  console.log(`\nN teams (each: KV mount, auth role + grant, ESO store + 3 ExternalSecrets, VSO auth + static secret, PKI role, Vault issuer + Certificate), rule pack included, against plain cdktf declaring the same resources; ${os.cpus().length} cores, node ${process.version}`);
  console.log('library and plain: median wall ms / CPU ms / peak RSS MB; ratios: median of the per-round ratios (range of the rounds)');
  console.log(`${'teams'.padStart(5)} ${'resources'.padStart(9)} ${'rounds'.padStart(6)} ${'library'.padStart(22)} ${'plain cdktf'.padStart(22)}   ${'wall time'.padEnd(18)} ${'CPU time'.padEnd(18)} ${'peak RSS'.padEnd(18)}`);
  const cell = (x) => `${x.ms.toFixed(0)}/${x.cpu.toFixed(0)}/${x.mb.toFixed(0)}`.padStart(22);
  const ratio = (xs) => `${median(xs).toFixed(2)}x (${range(xs)})`.padEnd(18);
  for (const r of rows) {
    const ok = median(r.time) <= TARGET && median(r.cpu) <= TARGET && median(r.rss) <= TARGET;
    console.log(
      `${String(r.teams).padStart(5)} ${String(r.elements).padStart(9)} ${String(r.rounds).padStart(6)} ${cell(r.lib)} ${cell(r.plain)}   ` +
        `${ratio(r.time)} ${ratio(r.cpu)} ${ratio(r.rss)} target ${TARGET.toFixed(2)}x ${ok ? 'met' : 'NOT met'}`,
    );
  }
  console.log('\nwhere the gap goes (CPU time, then peak RSS, over plain cdktf; median of the per-round ratios, range):');
  console.log(`${'teams'.padStart(5)}   ${'plain cdktf, library tree'.padEnd(44)} ${'library, no rule pack'.padEnd(44)} library`);
  for (const r of rows) {
    const both = (k) => `${ratio(r.split[k].cpu).trim()} ${ratio(r.split[k].rss).trim()}`;
    console.log(`${String(r.teams).padStart(5)}   ${both('tree').padEnd(44)} ${both('noPack').padEnd(44)} ${both('lib')}`);
  }
  // Linear in N: the cost of one more team, between successive sizes.
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1], rows[i]];
    const per = (k) => (b[k].cpu - a[k].cpu) / (b.teams - a.teams);
    console.log(`one team more, ${a.teams} -> ${b.teams}: library ${per('lib').toFixed(1)} ms CPU, plain ${per('plain').toFixed(1)} ms CPU`);
  }
  return rows;
}

module.exports = { benchTeams };

if (require.main === module) benchTeams();
