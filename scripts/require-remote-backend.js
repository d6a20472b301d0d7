#!/usr/bin/env node
/**
 * `node scripts/require-remote-backend.js <outdir> <stack>...` exits 1, with a
 * GitHub Actions error annotation per stack, when a synthesized stack keeps
 * its state in the local backend. A CI runner is thrown away after the job:
 * local state would be lost, and the next run would try to create everything
 * again (the Key Vault, the mounts) and fail half-way.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/** The problems of each named stack in `outdir`, as messages (empty when every stack keeps remote state). */
function localBackendProblems(outdir, stacks) {
  const problems = [];
  for (const stack of stacks) {
    const file = path.join(outdir, 'stacks', stack, 'cdk.tf.json');
    if (!fs.existsSync(file)) {
      problems.push(`${stack}: ${file} does not exist; synthesize first (npm run synth)`);
      continue;
    }
    const terraform = JSON.parse(fs.readFileSync(file, 'utf8')).terraform ?? {};
    const backends = Object.keys(terraform.backend ?? {});
    if (terraform.cloud) continue;
    if (backends.length === 0 || backends.includes('local')) {
      problems.push(`${stack} keeps its state in the ${backends[0] ?? 'default local'} backend, which is lost when the CI runner ends: `
        + 'set "backend" in the platform config (PLATFORM_CONFIG) to {"type": "azurerm", ...} or {"type": "cloud", ...}');
    }
  }
  return problems;
}

module.exports = { localBackendProblems };

if (require.main === module) {
  const [outdir, ...stacks] = process.argv.slice(2);
  if (!outdir || stacks.length === 0) {
    console.error('usage: node scripts/require-remote-backend.js <outdir> <stack>...');
    process.exit(2);
  }
  const problems = localBackendProblems(outdir, stacks);
  for (const p of problems) console.error(`::error title=Local Terraform state in CI::${p}`);
  if (problems.length === 0) console.log(`remote state for ${stacks.join(', ')}`);
  process.exit(problems.length ? 1 : 0);
}
