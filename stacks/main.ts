/**
 * The app program: `npm run synth` and `cdktf synth` / `cdktf deploy` (through
 * cdktf.json's `app`) both run this file, so what CI deploys is what tests see.
 */
import * as path from 'node:path';
import { App } from 'cdktf';
import { exampleStacks, EXAMPLES } from '../examples';
import { SecurityChecks } from '../lib/checks';
import { runSynth } from './cli';
import { loadPlatformConfig, loadPlatformConfigs, PlatformConfig } from './config';
import { buildHomelab, LAYERS } from './homelab';

/** The config `npm run synth` uses unless PLATFORM_CONFIG names others. */
export const DEFAULT_PLATFORM_CONFIG = path.join(__dirname, 'config', 'homelab.json');

/** What {@link buildAll} builds. */
export interface BuildOptions {
  /** Only these stacks (a layered platform or an example is built whole if any of its stacks is named). */
  readonly only?: readonly string[];
  /** Platform configs, one per cluster. */
  readonly configs?: readonly PlatformConfig[];
}

/**
 * Builds the scenario examples and the layered platform of each config into
 * `app` (`STACKS=eso-vault-kv npm run synth` synthesizes one stack;
 * `PLATFORM_CONFIG=a.json,b.json` builds one platform per file).
 */
export function buildAll(app: App, options: BuildOptions = {}): App {
  const configs = options.configs ?? [loadPlatformConfig(DEFAULT_PLATFORM_CONFIG)];
  const only = options.only;
  const names = configs.map((c) => c.name);
  const twice = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
  if (twice.length) throw new Error(`two platform configs have name ${twice.map((n) => `'${n}'`).join(', ')}: each cluster needs its own name, which prefixes its stack names`);
  const layered = (c: PlatformConfig) => LAYERS.map((l) => `${c.name}-${l}`);
  const known = [...Object.keys(EXAMPLES).flatMap(exampleStacks), ...configs.flatMap(layered)];
  const unknown = (only ?? []).filter((n) => !known.includes(n));
  if (unknown.length) throw new Error(`STACKS names unknown stacks ${JSON.stringify(unknown)}; known: ${known.join(', ')}`);
  for (const [name, build] of Object.entries(EXAMPLES)) {
    // An example's stacks depend on each other, so it is built whole or not at all.
    if (!only || exampleStacks(name).some((n) => only.includes(n))) build(app, name);
  }
  for (const config of configs) {
    // Layers refer to each other, so a platform is built whole or not at all.
    if (!only || layered(config).some((n) => only.includes(n))) buildHomelab(app, config);
  }
  // Every stack this repo deploys passes the rule pack: an unsuppressed
  // error-level finding fails `npm run synth` and `cdktf synth`.
  SecurityChecks.applyTo(app, { failOnError: true });
  return app;
}

function main(): void {
  const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
  // A mistake in a config, a prop or STACKS prints as its message alone and
  // exits 1 (the stack trace only with DEBUG=1 or --verbose).
  process.exitCode = runSynth((app) => {
    const configs = loadPlatformConfigs(list(process.env.PLATFORM_CONFIG) ?? [DEFAULT_PLATFORM_CONFIG]);
    buildAll(app, { only: list(process.env.STACKS), configs });
  });
}

if (require.main === module) {
  // cdktf records the full stack trace of every token it creates, with no
  // switch to turn it off, and formatting the frames is most of that cost.
  // Run from an empty stack, not from inside the module loader, so each
  // trace is shorter by the loader's frames (README, Performance).
  setImmediate(main);
}
