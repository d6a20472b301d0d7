import { Manifest, Testing } from 'cdktf';
import { exampleStacks, EXAMPLES } from '../../examples';
import { buildAll } from '../../stacks/main';
import { testApp } from '../helpers';

describe('npm run synth', () => {
  it('builds every example stack under its registered name', () => {
    const app = buildAll(testApp());
    const names = app.node.children.filter((c) => c.node.id !== Manifest.fileName).map((c) => c.node.id);
    expect(names.sort()).toEqual([...Object.keys(EXAMPLES).flatMap(exampleStacks), 'homelab-identity', 'homelab-platform', 'homelab-vault', 'homelab-workloads'].sort());
  });

  it.each(Object.keys(EXAMPLES))('synthesizes %s', (name) => {
    const stack = EXAMPLES[name](testApp(), name);
    expect(() => Testing.synth(stack)).not.toThrow();
  });

  it('builds only the stacks named in STACKS', () => {
    const app = buildAll(testApp(), { only: ['eso-vault-kv'] });
    expect(app.node.children.map((c) => c.node.id)).toContain('eso-vault-kv');
    expect(app.node.children.map((c) => c.node.id)).not.toContain('atlantis-k8s-auth');
  });

  it('builds an example whole when one of its stacks is named', () => {
    const app = buildAll(testApp(), { only: ['eso-vault-kv-operators'] });
    expect(app.node.children.map((c) => c.node.id)).toEqual(expect.arrayContaining(['eso-vault-kv-operators', 'eso-vault-kv']));
  });

  it('fails on an unknown stack name', () => {
    expect(() => buildAll(testApp(), { only: ['nope'] })).toThrow(/STACKS names unknown stacks \["nope"\]/);
  });
});
