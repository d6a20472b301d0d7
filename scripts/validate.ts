/**
 * `npm run validate [-- [--verbose] [--skip-unknown-kinds] [cdktf.out]]`:
 * checks whatever a synth wrote against the official schemas vendored in
 * schemas/ (see scripts/official-schemas.ts). One line per resource, then a
 * summary; exit 1 when anything failed, 2 when there is nothing to check.
 * `--skip-unknown-kinds` lists a custom resource with no vendored CRD (your
 * own operator's) as skipped instead of failing it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatResult, OfficialSchemas, summarize } from './official-schemas';

function main(argv: string[]): number {
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  const outdir = path.resolve(argv.find((a) => !a.startsWith('-')) ?? 'cdktf.out');
  if (!fs.existsSync(path.join(outdir, 'stacks'))) {
    process.stderr.write(`validate: no synthesized stacks in ${outdir} (run \`npm run synth\` first, or name the output directory)\n`);
    return 2;
  }
  const schemas = new OfficialSchemas({ failUnknownKinds: !argv.includes('--skip-unknown-kinds') });
  const { results, stale } = schemas.checkOutdir(outdir);
  for (const r of results) process.stdout.write(`${formatResult(r, verbose)}\n`);
  for (const s of stale) process.stdout.write(`STALE ${s}: not in ${path.join(path.basename(outdir), 'manifest.json')} (left by an earlier synth); not checked\n`);
  const t = schemas.timings;
  process.stdout.write(`${summarize(results)}${stale.length ? `; ${stale.length} stale stack(s) ignored` : ''}\n`);
  if (verbose) process.stdout.write(`schemas: ${t.load.toFixed(0)} ms to load, ${t.compiled} compiled in ${t.compile.toFixed(0)} ms, validation ${t.validate.toFixed(0)} ms\n`);
  return results.some((r) => r.status === 'fail') ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
