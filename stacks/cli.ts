/**
 * What `npm run synth` does around the synth itself: print a user's mistake
 * as its message alone (the stack trace only under `DEBUG=1` or
 * `--verbose`), print the warnings cdktf only stores in manifest.json, and
 * clear stack directories an earlier synth left in the output directory.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdktf';

/** Options of {@link runSynth}. */
export interface RunOptions {
  /** Where to write. @default - `CDKTF_OUTDIR` (set by the cdktf CLI), else `cdktf.out` */
  readonly outdir?: string;
  /** Command-line arguments (`--verbose`). @default - process.argv */
  readonly argv?: readonly string[];
  /** Environment (`DEBUG`, `CDKTF_OUTDIR`). @default - process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Where messages go. @default - process.stderr */
  readonly stderr?: { write(text: string): unknown };
}

// JavaScript's own error types mean a bug in this program, not a mistake in
// what it was given: say how to get the trace.
const BUG_TYPES = [TypeError, ReferenceError, RangeError, SyntaxError, EvalError, URIError];

/** True when `DEBUG` (any value but `0`/`false`) or `--verbose`/`-v` asks for stack traces. */
export function wantsStackTraces(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  const debug = env.DEBUG;
  return argv.includes('--verbose') || argv.includes('-v') || (debug !== undefined && debug !== '' && debug !== '0' && debug !== 'false');
}

/**
 * How an error thrown by a build or a synth reads on the terminal: its
 * message alone, or everything with `verbose`. cdktf's error for error
 * annotations (a failing rule, a failed validation) ends with advice to set
 * CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS, which would switch the security
 * gate off; that advice is left out.
 */
export function describeError(error: unknown, verbose: boolean): string {
  if (!(error instanceof Error)) return `Error: ${String(error)}`;
  if (verbose) return error.stack ?? `${error.name}: ${error.message}`;
  let message = error.message.replace(/\n+Either fix the issues above, or set the environment variable CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS[^\n]*\n?$/, '');
  message = message.replace(/^Encountered Annotations with level "ERROR":\n/, 'Synth refused; fix these errors:\n');
  if (BUG_TYPES.some((t) => error instanceof t)) message = `${error.name}: ${message}\n(this looks like a bug; run with DEBUG=1 or --verbose for the stack trace)`;
  return message;
}

/** Warning and info annotations of every stack in `outdir/manifest.json`, one line each. */
export function annotationLines(outdir: string): string[] {
  const file = path.join(outdir, 'manifest.json');
  if (!fs.existsSync(file)) return [];
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  const lines: string[] = [];
  for (const stack of Object.values<any>(manifest.stacks ?? {})) {
    for (const a of stack.annotations ?? []) {
      const level = a.level === '@cdktf/warn' ? 'Warning' : a.level === '@cdktf/info' ? 'Info' : undefined;
      if (level) lines.push(`${level}: [${a.constructPath}] ${a.message}`);
    }
  }
  return lines;
}

function holdsState(dir: string): boolean {
  return fs.readdirSync(dir, { recursive: true }).some((f) => /\.tfstate(\.|$)/.test(path.basename(String(f))));
}

/**
 * Removes `outdir/stacks/<name>` directories that manifest.json does not list:
 * an earlier synth of more stacks (or of a stack since renamed) left them,
 * and `npm run validate` or a `terraform apply` there would use stale
 * configuration. A directory holding a `.tfstate` file is kept and reported.
 */
export function pruneStaleStacks(outdir: string): { removed: string[]; kept: string[] } {
  const stacksDir = path.join(outdir, 'stacks');
  const manifestFile = path.join(outdir, 'manifest.json');
  if (!fs.existsSync(stacksDir) || !fs.existsSync(manifestFile)) return { removed: [], kept: [] };
  const current = new Set(Object.values<any>(JSON.parse(fs.readFileSync(manifestFile, 'utf8')).stacks ?? {})
    .map((s) => path.basename(path.dirname(String(s.synthesizedStackPath)))));
  const removed: string[] = [];
  const kept: string[] = [];
  for (const entry of fs.readdirSync(stacksDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || current.has(entry.name)) continue;
    const dir = path.join(stacksDir, entry.name);
    if (holdsState(dir)) kept.push(entry.name);
    else {
      fs.rmSync(dir, { recursive: true, force: true });
      removed.push(entry.name);
    }
  }
  return { removed: removed.sort(), kept: kept.sort() };
}

/**
 * Builds and synthesizes an app, reporting as described above. Returns the
 * exit code: 0, or 1 when the build or the synth threw.
 */
export function runSynth(build: (app: App) => void, options: RunOptions = {}): number {
  const env = options.env ?? process.env;
  const argv = options.argv ?? process.argv.slice(2);
  const stderr = options.stderr ?? process.stderr;
  const outdir = options.outdir ?? env.CDKTF_OUTDIR ?? 'cdktf.out';
  try {
    const app = new App({ outdir });
    build(app);
    app.synth();
  } catch (e) {
    stderr.write(`${describeError(e, wantsStackTraces(argv, env))}\n`);
    return 1;
  }
  // The cdktf CLI (which sets CDKTF_OUTDIR) prints the annotations itself.
  if (env.CDKTF_OUTDIR === undefined) for (const line of annotationLines(outdir)) stderr.write(`${line}\n`);
  const { removed, kept } = pruneStaleStacks(outdir);
  if (removed.length) stderr.write(`Removed stack directories an earlier synth left in ${outdir}: ${removed.join(', ')}\n`);
  if (kept.length) stderr.write(`Stale (not synthesized now), kept because they hold Terraform state: ${kept.map((k) => path.join(outdir, 'stacks', k)).join(', ')}\n`);
  return 0;
}
