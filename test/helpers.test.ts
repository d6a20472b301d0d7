import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { removeStaleTestOutdirs } from './helpers';

describe('test outdirs', () => {
  it('removes only the outdirs of test processes that no longer run', () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-platform-constructs-sweep-'));
    try {
      // A process that has exited: its pid names no running process (until reused, when its outdir is kept).
      const dead = spawnSync(process.execPath, ['-e', '']).pid;
      const names = [`vault-platform-constructs-test-${dead}-abc`, `vault-platform-constructs-test-${process.pid}-def`, 'vault-platform-constructs-test-1-ghi', 'vault-platform-constructs-test-xyz', 'other'];
      for (const name of names) fs.mkdirSync(path.join(parent, name));
      fs.writeFileSync(path.join(parent, names[0], 'cdk.tf.json'), '{}');
      removeStaleTestOutdirs(parent);
      expect(fs.readdirSync(parent).sort()).toEqual(names.slice(1).sort());
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });
});
