import * as fs from 'node:fs';
import * as path from 'node:path';

const repo = path.join(__dirname, '..');

/** The paths in the first column of the README's layout table. */
function layoutPaths(): string[] {
  const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
  const table = readme.split('## Layout')[1].split('\n## ')[0];
  return [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
}

describe('README layout table', () => {
  it('lists every folder of lib/', () => {
    const listed = new Set(layoutPaths());
    const folders = fs.readdirSync(path.join(repo, 'lib'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `lib/${e.name}/`);
    expect(folders.filter((f) => !listed.has(f))).toEqual([]);
  });

  it('lists only paths that exist', () => {
    expect(layoutPaths().filter((p) => !fs.existsSync(path.join(repo, p)))).toEqual([]);
  });
});
