/**
 * Copies the official schemas listed in `schemas/sources.json` from a local
 * checkout of their upstream repository, byte for byte, at a given tag:
 *
 *   node -r ./scripts/register.js scripts/refresh-schemas.ts <project> <checkout> [<tag>]
 *
 * `<checkout>` is any local git repository (a clone, or a bare mirror): the
 * files are read with `git show <tag>:<path>`, never from the work tree, so
 * local edits cannot leak in and nothing touches the network. The tag and the
 * commit it resolves to are written back into `sources.json`; review the
 * diff, update SOURCES.md, and run `npm test`.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The vendored schemas, relative to the repository root. */
export const SCHEMAS_DIR = path.join(__dirname, '..', 'schemas');

/** One upstream file and where it lives under `schemas/`. */
export interface SourceFile {
  readonly from: string;
  readonly to: string;
}

/** A Helm chart whose values the schemas of a project describe. */
export interface SourceChart {
  /** Chart name, as `helm_release.chart` names it. */
  readonly name: string;
  /** The chart repository URL. */
  readonly repository: string;
  /** The chart version the files belong to. */
  readonly version: string;
}

/** One upstream project in `sources.json`. */
export interface SourceProject {
  readonly project: string;
  readonly repository: string;
  readonly tag: string;
  readonly commit: string;
  readonly license: string;
  readonly chart?: SourceChart;
  readonly files: readonly SourceFile[];
}

/** The parsed `sources.json`. */
export interface Sources {
  readonly projects: readonly SourceProject[];
}

/** Reads `sources.json` from a schemas directory. */
export function readSources(dir = SCHEMAS_DIR): Sources {
  return JSON.parse(fs.readFileSync(path.join(dir, 'sources.json'), 'utf8'));
}

/** What {@link refreshProject} did. */
export interface RefreshResult {
  readonly tag: string;
  readonly commit: string;
  /** Files whose bytes changed. */
  readonly changed: readonly string[];
}

function git(checkout: string, args: string[]): Buffer {
  return execFileSync('git', ['-C', checkout, ...args], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

/**
 * Copies every file of `project` from `checkout` at `tag` (default: the tag
 * sources.json names) into `dir`, and records tag and commit. Nothing is
 * written unless every file exists at that tag.
 */
export function refreshProject(project: string, checkout: string, tag?: string, dir = SCHEMAS_DIR): RefreshResult {
  const sourcesFile = path.join(dir, 'sources.json');
  const raw = JSON.parse(fs.readFileSync(sourcesFile, 'utf8'));
  const entry = (raw.projects as SourceProject[]).find((p) => p.project === project);
  if (!entry) throw new Error(`refresh-schemas: no project '${project}' in ${sourcesFile} (known: ${(raw.projects as SourceProject[]).map((p) => p.project).join(', ')})`);
  const ref = tag ?? entry.tag;
  let commit: string;
  try {
    commit = git(checkout, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).toString().trim();
  } catch {
    throw new Error(`refresh-schemas: '${ref}' is not a tag or commit in ${checkout}`);
  }
  const contents = entry.files.map((f) => {
    try {
      return { f, bytes: git(checkout, ['show', `${commit}:${f.from}`]) };
    } catch {
      throw new Error(`refresh-schemas: ${f.from} does not exist at ${ref} (${commit.slice(0, 12)}) in ${checkout}`);
    }
  });
  const changed: string[] = [];
  for (const { f, bytes } of contents) {
    const target = path.join(dir, f.to);
    const before = fs.existsSync(target) ? fs.readFileSync(target) : undefined;
    if (!before || !before.equals(bytes)) changed.push(f.to);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, bytes);
  }
  Object.assign(entry, { tag: ref, commit });
  fs.writeFileSync(sourcesFile, `${JSON.stringify(raw, null, 2)}\n`);
  return { tag: ref, commit, changed };
}

function main(argv: string[]): void {
  const [project, checkout, tag] = argv;
  if (!project || !checkout) {
    process.stderr.write('usage: node -r ./scripts/register.js scripts/refresh-schemas.ts <project> <local git checkout> [<tag>]\n');
    process.exit(2);
  }
  try {
    const r = refreshProject(project, checkout, tag);
    process.stdout.write(`${project}: ${r.tag} (${r.commit}); ${r.changed.length ? `changed: ${r.changed.join(', ')}` : 'no file changed'}\n`);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  }
}

if (require.main === module) main(process.argv.slice(2));
