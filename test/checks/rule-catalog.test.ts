import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../lib/checks/rules';

// The pack's catalogue as users meet it: every finding starts with the rule's
// id and summary and ends with its why, and the README's rule table is where a
// team looks a finding up. No synth here: this file is cheap to load, so
// mutation testing can judge every rule's id, level and texts with it alone.

describe('the rule catalogue', () => {
  it('is the README rule table: the same ids, in the same order, at the same levels', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| (VP-[A-Z]+-\d+) \| (error|warning) \|/gm)].map((m) => [m[1], m[2]]);
    expect(ALL_RULES.map((r) => [r.id, r.level])).toEqual(rows);
  });

  it('gives every rule a unique id, a one-line summary and a why that is a sentence', () => {
    expect(new Set(ALL_RULES.map((r) => r.id)).size).toBe(ALL_RULES.length);
    for (const rule of ALL_RULES) {
      expect(rule.id).toMatch(/^VP-[A-Z]+-\d+$/);
      expect(rule.summary).toMatch(/^[A-Z][^\n]{15,}[^.]$/);
      expect(rule.why).toMatch(/^[A-Z][^\n]{20,}\.$/);
    }
  });

  it('names for every rule the Terraform types it reads, each once', () => {
    for (const rule of ALL_RULES) {
      expect(rule.appliesTo.length).toBeGreaterThan(0);
      expect(new Set(rule.appliesTo).size).toBe(rule.appliesTo.length);
      for (const type of rule.appliesTo) expect(type).toMatch(/^(output|provider\.[a-z]+|[a-z]+(_[a-z0-9]+)+)$/);
    }
  });
});
