import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Testing, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

// One outdir per test file, made on first use and removed after the file's
// tests (test/setup.ts): Testing.app() would mkdtemp one per call and leave
// them all in /tmp. Most tests only use Testing.synth and write nothing there.
let outdir: string | undefined;

/** Test outdirs are named after the process that made them: `<prefix><pid>-<random>`. */
const OUTDIR_PREFIX = 'vault-platform-constructs-test-';

/** Removes this test file's outdir, if one was made. */
export function removeTestOutdir(): void {
  if (outdir) fs.rmSync(outdir, { recursive: true, force: true });
  outdir = undefined;
}

/**
 * Removes the outdirs of test processes that no longer run. A process killed
 * mid-file never reaches its afterAll: mutation testing kills a test process
 * on every timeout, which left hundreds of them in /tmp.
 */
export function removeStaleTestOutdirs(parent = os.tmpdir()): void {
  for (const name of fs.readdirSync(parent)) {
    const pid = Number(new RegExp(`^${OUTDIR_PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (!pid || pid === process.pid || isRunning(pid)) continue;
    fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A fresh app with the version stubbed, so snapshots do not churn with cdktf. */
export function testApp(): App {
  if (outdir === undefined) {
    removeStaleTestOutdirs();
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), `${OUTDIR_PREFIX}${process.pid}-`));
  }
  return Testing.stubVersion(new App({ outdir, stackTraces: false }));
}

/** A fresh stack in a fresh app. */
export function testStack(id = 'Test'): TerraformStack {
  return new TerraformStack(testApp(), id);
}

/** The stack's Terraform JSON (metadata removed), as a string for the cdktf matchers. */
export function synth(stack: TerraformStack): string {
  return Testing.synth(stack);
}

/** The stack's Terraform JSON as an object. */
export function synthObject(stack: TerraformStack): { resource?: Record<string, Record<string, any>>; data?: Record<string, Record<string, any>>; output?: Record<string, any> } {
  return JSON.parse(Testing.synth(stack));
}

/** Every resource of one Terraform type in the stack, in synth order. */
export function resourcesOf(stack: TerraformStack, type: string): any[] {
  return Object.values(synthObject(stack).resource?.[type] ?? {});
}

/** The one resource of a type; fails the test if there are several or none. */
export function onlyResource(stack: TerraformStack, type: string): any {
  const all = resourcesOf(stack, type);
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

/** The `manifest` of every kubernetes_manifest of a kind. */
export function manifestsOf(stack: TerraformStack, kind: string): any[] {
  return resourcesOf(stack, 'kubernetes_manifest').map((r) => r.manifest).filter((m) => m.kind === kind);
}

/** Warning annotations recorded on `scope` and everything below it. */
export function warningsOf(scope: IConstruct): string[] {
  return scope.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data)));
}
