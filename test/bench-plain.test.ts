import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildAll } from '../stacks/main';
import { testApp } from './helpers';

// scripts/ is plain JavaScript run by node; typed here by hand.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writePlainProgram } = require('../scripts/bench-plain') as { writePlainProgram: (stacksDir: string, file: string) => number };

type Tf = Record<string, Record<string, Record<string, Record<string, unknown>>>>;
const read = (dir: string, stack: string): Tf => JSON.parse(fs.readFileSync(path.join(dir, stack, 'cdk.tf.json'), 'utf8'));
/** What the plain program leaves out on purpose: construct metadata, ordering and lifecycle. */
const comparable = ({ '//': _m, depends_on: _d, lifecycle: _l, provider: _p, ...config }: Record<string, unknown>) => config;

// `npm run bench` reports this library against "plain cdktf, same resources".
// That row is only the floor it claims to be if the plain program declares
// the very same Terraform, attribute for attribute.
test("the bench's plain-cdktf program declares the same resources as a synth of every stack", () => {
  const app = buildAll(testApp());
  app.synth();
  const ours = path.join(app.outdir, 'stacks');
  const program = path.join(app.outdir, 'plain.js');
  const plainOut = path.join(app.outdir, 'plain');
  const declared = writePlainProgram(ours, program);
  execFileSync(process.execPath, [program], { env: { ...process.env, CDKTF_OUTDIR: plainOut, CHECKPOINT_DISABLE: '1' } });

  let compared = 0;
  for (const stack of fs.readdirSync(ours)) {
    const [a, b] = [read(ours, stack), read(path.join(plainOut, 'stacks'), stack)];
    for (const kind of ['resource', 'data']) {
      for (const [type, byId] of Object.entries(a[kind] ?? {})) {
        if (type === 'terraform_remote_state') continue;
        for (const [id, config] of Object.entries(byId)) {
          expect({ address: `${stack}/${type}.${id}`, config: comparable(b[kind]?.[type]?.[id] ?? {}) }).toEqual({ address: `${stack}/${type}.${id}`, config: comparable(config) });
          compared++;
        }
      }
    }
  }
  expect(compared).toBe(declared);
  expect(compared).toBeGreaterThan(100);
});
