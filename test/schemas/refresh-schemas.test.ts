import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readSources, refreshProject, SCHEMAS_DIR } from '../../scripts/refresh-schemas';

describe('vendored schemas', () => {
  it('are listed in sources.json and SOURCES.md with the sha256 of their bytes', () => {
    const listed = readSources().projects.flatMap((p) => p.files.map((f) => f.to)).sort();
    const onDisk = ['crds', 'charts'].flatMap((d) => fs.readdirSync(path.join(SCHEMAS_DIR, d), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile()).map((e) => path.relative(SCHEMAS_DIR, path.join(e.parentPath, e.name)))).sort();
    expect(onDisk).toEqual(listed);
    const sums = fs.readFileSync(path.join(SCHEMAS_DIR, 'SOURCES.md'), 'utf8');
    for (const file of listed) {
      const sum = createHash('sha256').update(fs.readFileSync(path.join(SCHEMAS_DIR, file))).digest('hex');
      expect([file, sums.includes(`${sum}  ${file}`)]).toEqual([file, true]);
    }
  });
});

describe('scripts/refresh-schemas.ts', () => {
  // A small upstream repository with two tags, made for this test and removed after it.
  let dir: string;
  let upstream: string;
  let schemas: string;
  const git = (...args: string[]) => execFileSync('git', ['-C', upstream, ...args], {
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  }).toString().trim();
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(upstream, file)), { recursive: true });
    fs.writeFileSync(path.join(upstream, file), text);
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refresh-schemas-test-'));
    upstream = path.join(dir, 'upstream');
    schemas = path.join(dir, 'schemas');
    fs.mkdirSync(upstream);
    fs.mkdirSync(schemas);
    git('init', '-q');
    write('config/crd/widgets.yaml', 'kind: CustomResourceDefinition # v1\n');
    write('chart/values.yaml', 'replicas: 1\n');
    git('add', '-A');
    git('commit', '-qm', 'v1');
    git('tag', 'v1.0.0');
    write('config/crd/widgets.yaml', 'kind: CustomResourceDefinition # v2\n');
    git('commit', '-qam', 'v2');
    git('tag', 'v2.0.0');
    // Uncommitted edits in the checkout must never reach the copy.
    write('config/crd/widgets.yaml', 'local edit\n');
    fs.writeFileSync(path.join(schemas, 'sources.json'), JSON.stringify({
      projects: [{
        project: 'widgets', repository: 'https://example.invalid/widgets', tag: 'v1.0.0', commit: '', license: 'Apache-2.0',
        files: [{ from: 'config/crd/widgets.yaml', to: 'crds/widgets/widgets.yaml' }, { from: 'chart/values.yaml', to: 'charts/widgets/values.yaml' }],
      }],
    }));
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('copies the listed files byte for byte at the tag sources.json names, and records its commit', () => {
    const r = refreshProject('widgets', upstream, undefined, schemas);
    expect(fs.readFileSync(path.join(schemas, 'crds/widgets/widgets.yaml'), 'utf8')).toBe('kind: CustomResourceDefinition # v1\n');
    expect(r).toEqual({ tag: 'v1.0.0', commit: git('rev-parse', 'v1.0.0^{commit}'), changed: ['crds/widgets/widgets.yaml', 'charts/widgets/values.yaml'] });
    expect(readSources(schemas).projects[0]).toMatchObject({ tag: 'v1.0.0', commit: r.commit });
  });

  it('moves to another tag and says which files changed', () => {
    const r = refreshProject('widgets', upstream, 'v2.0.0', schemas);
    expect(r.changed).toEqual(['crds/widgets/widgets.yaml']);
    expect(fs.readFileSync(path.join(schemas, 'crds/widgets/widgets.yaml'), 'utf8')).toBe('kind: CustomResourceDefinition # v2\n');
    expect(readSources(schemas).projects[0]).toMatchObject({ tag: 'v2.0.0', commit: git('rev-parse', 'v2.0.0') });
  });

  it('writes nothing when a tag, a file or the project is missing', () => {
    const before = fs.readFileSync(path.join(schemas, 'sources.json'), 'utf8');
    expect(() => refreshProject('widgets', upstream, 'v9.9.9', schemas)).toThrow(/'v9.9.9' is not a tag or commit in /);
    git('rm', '-q', 'chart/values.yaml');
    git('commit', '-qm', 'v3');
    git('tag', 'v3.0.0');
    expect(() => refreshProject('widgets', upstream, 'v3.0.0', schemas)).toThrow(/chart\/values.yaml does not exist at v3.0.0/);
    expect(() => refreshProject('gadgets', upstream, 'v1.0.0', schemas)).toThrow(/no project 'gadgets' .* \(known: widgets\)/);
    expect(fs.readFileSync(path.join(schemas, 'sources.json'), 'utf8')).toBe(before);
    expect(fs.readFileSync(path.join(schemas, 'crds/widgets/widgets.yaml'), 'utf8')).toBe('kind: CustomResourceDefinition # v2\n');
  });
});
