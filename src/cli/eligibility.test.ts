/** `huiqi eligibility` offline: a shipped policy against a file in the import template's columns, or JSON. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeUscc } from '../reference/uscc.ts';
import { eligibilityFile, loadPolicy } from './eligibility.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'huiqi-eligibility-'));
const USCC = makeUscc('91320583MA1EL1G00');

describe('huiqi eligibility', () => {
  it('answers each row of a CSV with the outcome and the reasons; a bad row is invalid, not skipped', async () => {
    const csv = path.join(dir, 'facts.csv');
    writeFileSync(
      csv,
      [
        'uscc,name,region_code,industry_code,year,employees,operating_revenue,total_assets,taxable_income',
        `${USCC},甲公司,320583,C39,2025,120,900,3000,280`,
        `${USCC},乙公司,320583,C39,2025,120,900,3000,310`,
        `${USCC},丙公司,320583,C39,2025,120,900,3000,`,
        `${USCC},丁公司,999999,C39,2025,120,900,3000,280`,
      ].join('\n'),
    );
    const out = path.join(dir, 'out.csv');
    const counts = await eligibilityFile('small-low-profit-income-tax', csv, {
      format: 'csv',
      lang: 'zh',
      date: '2026-05-31',
      out,
    });
    expect(counts).toEqual({ eligible: 1, not_eligible: 1, unknown: 1, invalid: 1 });
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('row,uscc,name,outcome,reasons,missing,near_miss');
    expect(lines[1]).toContain('eligible');
    expect(lines[1]).toContain('应纳税所得额（2025 年） 280 万元 ≤ 300 万元 ✓');
    expect(lines[2]).toContain('not_eligible');
    expect(lines[2]).toMatch(/应纳税所得额（2025 年） 310 万元 ≤ 300 万元 ✗"?$/);
    expect(lines[3]).toContain('unknown');
    expect(lines[3]).toContain('应纳税所得额（2025 年）');
    expect(lines[4]).toContain('invalid');
    expect(lines[4]).toContain('region_code');
  });

  it('reads JSON facts and writes JSON lines with the explanation tree', async () => {
    const json = path.join(dir, 'facts.json');
    writeFileSync(
      json,
      JSON.stringify([
        { name: '甲', facts: { figures: { 2025: { vatTaxpayerType: 'small_scale' } } } },
        { name: '乙', figures: { 2025: { vatTaxpayerType: 'general' } } },
      ]),
    );
    const out = path.join(dir, 'out.json');
    await eligibilityFile('small-scale-vat-relief', json, {
      format: 'json',
      lang: 'en',
      date: '2026-05-31',
      out,
    });
    const rows = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(rows.map((r) => [r.name, r.outcome])).toEqual([
      ['甲', 'eligible'],
      ['乙', 'not_eligible'],
    ]);
    expect(rows[0].explanation.text.en).toContain('small-scale taxpayer');
  });

  it('refuses an unknown policy and a policy file that does not check, naming the line', async () => {
    await expect(loadPolicy('no-such-policy')).rejects.toThrow(/no-such-policy/);
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'id: bad-policy\ntitle: { zh: 坏 }\nissuer: x\neffectiveFrom: 2026-13-01\nregions: national\nmethod: automatic\nbenefit: { zh: 无 }\nrule: { certified: x }\n',
    );
    await expect(loadPolicy(bad)).rejects.toThrow(
      /file, documentNumber: 缺少[\s\S]*line 4, effectiveFrom: “2026-13-01”不是有效日期/,
    );
  });
});
