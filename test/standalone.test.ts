import * as fs from 'node:fs';
import * as path from 'node:path';

// A clone with nothing beside it must work: no file points outside the repository.
const ROOT = path.join(__dirname, '..');
const SKIP = new Set(['node_modules', 'cdktf.out', '.git', 'coverage', '.gen', '.stryker-tmp', 'reports']);

function files(dir = ROOT, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) files(p, out);
    else if (!/\.(tgz|png|jpg)$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('the repository stands on its own', () => {
  it('no file points at the directory beside the repository', () => {
    const sibling = ['..', 'shared'].join('/');
    const offenders = files().filter((f) => fs.readFileSync(f, 'utf8').includes(sibling)).map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it('no npm script reaches outside the repository', () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(Object.entries(scripts).filter(([, cmd]) => /(^|[\s=])\.\.\//.test(String(cmd)))).toEqual([]);
  });

  it('every relative link in README.md and docs/ leads to a file in the repository', () => {
    const pages = [path.join(ROOT, 'README.md'), ...fs.readdirSync(path.join(ROOT, 'docs')).map((f) => path.join(ROOT, 'docs', f))];
    const broken: string[] = [];
    for (const page of pages) {
      for (const [, target] of fs.readFileSync(page, 'utf8').matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        const resolved = path.resolve(path.dirname(page), target);
        if (!resolved.startsWith(ROOT + path.sep) || !fs.existsSync(resolved)) broken.push(`${path.relative(ROOT, page)} -> ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('has a docs page for every scenario the examples reproduce', () => {
    expect(fs.readdirSync(path.join(ROOT, 'docs')).sort()).toEqual(expect.arrayContaining([
      's1-cert-manager-azure-dns.md', 's2-eso-vault-kv.md', 's3-vault-auto-unseal.md', 's4-vault-pki-cert-manager.md', 's5-atlantis-k8s-auth.md',
    ]));
  });
});
