import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Testing, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

// One outdir per test file, made on first use and removed after the file's
// tests (test/setup.ts): Testing.app() would mkdtemp one per call and leave
// them all in /tmp. Most tests only use Testing.synth and write nothing there.
let outdir: string | undefined;

/** Removes this test file's outdir, if one was made. */
export function removeTestOutdir(): void {
  if (outdir) fs.rmSync(outdir, { recursive: true, force: true });
  outdir = undefined;
}

/** A fresh app with the version stubbed, so snapshots do not churn with cdktf. */
export function testApp(): App {
  outdir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'vault-platform-constructs-test-'));
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
