/**
 * The app program: `npm run synth` and `cdktf synth` / `cdktf deploy` (through
 * cdktf.json's `app`) both run this file, so what CI deploys is what tests see.
 */
import { App, Aspects } from 'cdktf';
import { EXAMPLES } from '../examples';
import { SecurityChecks } from '../lib/checks';

/**
 * Builds every stack into `app`, or only those named in `only`
 * (`STACKS=eso-vault-kv npm run synth` synthesizes one).
 */
export function buildAll(app: App, only?: readonly string[]): App {
  const unknown = (only ?? []).filter((n) => !(n in EXAMPLES));
  if (unknown.length) throw new Error(`STACKS names unknown stacks ${JSON.stringify(unknown)}; known: ${Object.keys(EXAMPLES).join(', ')}`);
  for (const [name, build] of Object.entries(EXAMPLES)) {
    if (!only || only.includes(name)) build(app, name);
  }
  // Every stack this repo deploys passes the rule pack: an unsuppressed
  // error-level finding fails `npm run synth` and `cdktf synth`.
  Aspects.of(app).add(new SecurityChecks({ failOnError: true }));
  return app;
}

if (require.main === module) {
  // cdktf's CLI sets CDKTF_OUTDIR; `npm run synth` writes to ./cdktf.out.
  const only = process.env.STACKS ? process.env.STACKS.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
  const app = buildAll(new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' }), only);
  app.synth();
}
