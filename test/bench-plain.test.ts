import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildAll } from '../stacks/main';
import { buildTeams } from '../scripts/bench-teams-app';
import { testApp } from './helpers';

// scripts/ is plain JavaScript run by node; typed here by hand.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writePlainProgram, writePlainDataProgram } = require('../scripts/bench-plain') as {
  writePlainProgram: (stacksDir: string, file: string) => number;
  writePlainDataProgram: (stacksDir: string, file: string) => number;
};

type Tf = Record<string, Record<string, Record<string, Record<string, unknown>>>>;
const read = (dir: string, stack: string): Tf => JSON.parse(fs.readFileSync(path.join(dir, stack, 'cdk.tf.json'), 'utf8'));
/** What the plain program leaves out on purpose: construct metadata, ordering and lifecycle. */
const comparable = ({ '//': _m, depends_on: _d, lifecycle: _l, provider: _p, ...config }: Record<string, unknown>) => config;
/** What the N-teams plain program leaves out: construct metadata and provider aliases (it declares ordering and lifecycle too). */
const sameTerraform = ({ '//': _m, provider: _p, ...config }: Record<string, unknown>) => config;

// `npm run bench` reports this library against "plain cdktf, same resources".
// That row is only the floor it claims to be if the plain program declares
// the very same Terraform, attribute for attribute.
/** Synthesizes `app`, then the plain program written from its output, and compares the two resource by resource. */
function expectSamePlainResources(app: ReturnType<typeof testApp>, write: (stacksDir: string, file: string) => number, compare = comparable): number {
  app.synth();
  const ours = path.join(app.outdir, 'stacks');
  const program = path.join(app.outdir, 'plain.js');
  const plainOut = path.join(app.outdir, 'plain');
  fs.rmSync(plainOut, { recursive: true, force: true });
  const declared = write(ours, program);
  execFileSync(process.execPath, [program], { env: { ...process.env, CDKTF_OUTDIR: plainOut, CHECKPOINT_DISABLE: '1' } });

  let compared = 0;
  for (const stack of fs.readdirSync(ours)) {
    const [a, b] = [read(ours, stack), read(path.join(plainOut, 'stacks'), stack)];
    for (const kind of ['resource', 'data']) {
      for (const [type, byId] of Object.entries(a[kind] ?? {})) {
        if (type === 'terraform_remote_state') continue;
        for (const [id, config] of Object.entries(byId)) {
          expect({ address: `${stack}/${type}.${id}`, config: compare(b[kind]?.[type]?.[id] ?? {}) }).toEqual({ address: `${stack}/${type}.${id}`, config: compare(config) });
          compared++;
        }
      }
    }
  }
  expect(compared).toBe(declared);
  fs.rmSync(ours, { recursive: true, force: true });
  return compared;
}

test("the bench's plain-cdktf program declares the same resources as a synth of every stack", () => {
  expect(expectSamePlainResources(buildAll(testApp()), writePlainProgram)).toBeGreaterThan(100);
});

test("the N-teams bench's plain-cdktf program writes the same Terraform as the library's platform of N teams, depends_on and lifecycle included", () => {
  const app = testApp();
  buildTeams(app, 3);
  // 16 per team, and six shared: auth backend and its config, PKI mount, CA and URLs, VSO connection.
  expect(expectSamePlainResources(app, writePlainDataProgram, sameTerraform)).toBe(3 * 16 + 6);
});
