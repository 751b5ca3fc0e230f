/** Policies as YAML: every shipped policy checks and passes its own test cases; bad files are refused by line. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicyYaml, runPolicyTests } from './policy.yaml.ts';

const DIR = path.resolve(import.meta.dirname, '../../../../rules/policies');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));

describe('shipped policies (rules/policies)', () => {
  it('are there: the national tax policies and the demo county programmes', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(7);
  });

  it.each(FILES)('%s checks and passes its test cases', (file) => {
    const parsed = parsePolicyYaml(readFileSync(path.join(DIR, file), 'utf8'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(`${parsed.policy.id}.yaml`).toBe(file);
    expect(parsed.policy.tests.length).toBeGreaterThan(0);
    for (const result of runPolicyTests(parsed.policy)) expect(result.reason, result.test.name).toBeNull();
  });
});

const GOOD = readFileSync(path.join(DIR, 'small-low-profit-income-tax.yaml'), 'utf8');

describe('policy files refused with the line of each problem', () => {
  it('a wrong date', () => {
    const parsed = parsePolicyYaml(GOOD.replace('expiresOn: 2027-12-31', 'expiresOn: 2027-02-30'));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        line: 9,
        field: 'expiresOn',
        message: expect.objectContaining({ en: expect.stringContaining('2027-02-30') }),
      }),
    ]);
  });

  it('a missing document number', () => {
    const parsed = parsePolicyYaml(GOOD.replace('documentNumber: 财政部 税务总局公告2023年第12号\n', ''));
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.field)).toEqual(['documentNumber']);
  });

  it('a rule naming an unknown fact, at the line of that node', () => {
    const parsed = parsePolicyYaml(GOOD.replace('{ fact: employees }', '{ fact: staff }'));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const line = GOOD.split('\n').findIndex((l) => l.includes('{ fact: employees }')) + 1;
    expect(parsed.problems).toEqual([
      expect.objectContaining({ line, field: 'rule.all[1].compare[0].fact' }),
    ]);
  });

  it('broken YAML', () => {
    const parsed = parsePolicyYaml('id: x\n  title: [\n');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems[0]?.line).toBeGreaterThan(0);
  });
});

/** A "billion laughs" file: each line an anchored list of nine aliases of the line before. */
function aliasBomb(levels: number): string {
  const lines = ['id: bomb', 'l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < levels; i++)
    lines.push(
      `l${i}: &l${i} [${Array(9)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  return `${lines.join('\n')}\n`;
}

describe('aliases in a policy file', () => {
  it('refuses an alias bomb at the line where the expansion passes 10,000 values', () => {
    const parsed = parsePolicyYaml(aliasBomb(10));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    // l1..l3 expand to 81 + 810 + 7,371 values; the first *l3 on line 6 (l4) passes 10,000.
    expect(parsed.problems).toEqual([
      {
        line: 6,
        field: '*',
        message: expect.objectContaining({ en: expect.stringContaining('beyond 10000 values (at *l3)') }),
      },
    ]);
  });

  it('refuses an alias without an anchor before it, and one inside the value it refers to, with their lines', () => {
    const unresolved = parsePolicyYaml('id: x\ntitle: *nowhere\n');
    expect(unresolved).toEqual({
      ok: false,
      problems: [
        {
          line: 2,
          field: '*',
          message: expect.objectContaining({ en: expect.stringContaining('*nowhere') }),
        },
      ],
    });
    const recursive = parsePolicyYaml('id: x\nregions: &r [320583, *r]\n');
    expect(recursive).toEqual({
      ok: false,
      problems: [
        {
          line: 2,
          field: '*',
          message: expect.objectContaining({ en: expect.stringContaining('inside the value it refers to') }),
        },
      ],
    });
  });

  it('expands a few ordinary aliases, more than the 100 uses the yaml package allows by default', () => {
    const regions = Array(150).fill('*county').join(', ');
    const text = GOOD.replace(/^regions: .*$/m, (line) => line.replace('regions:', 'regions: &county'));
    const parsed = parsePolicyYaml(`${text}\nnotes: [${regions}]\n`);
    expect(parsed.ok).toBe(true);
  });
});
