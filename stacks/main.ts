/**
 * The app program: `npm run synth` and `cdktf synth` / `cdktf deploy` (through
 * cdktf.json's `app`) both run this file, so what CI deploys is what tests see.
 */
import { App } from 'cdktf';
import { EXAMPLES } from '../examples';

/** Builds every stack into `app`. */
export function buildAll(app: App): App {
  for (const [name, build] of Object.entries(EXAMPLES)) build(app, name);
  return app;
}

if (require.main === module) {
  // cdktf's CLI sets CDKTF_OUTDIR; `npm run synth` writes to ./cdktf.out.
  const app = buildAll(new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' }));
  app.synth();
}
