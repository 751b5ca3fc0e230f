/**
 * Exports of the supervision dashboard: each table's totals row is the sum of its rows, the headers are the page's
 * column titles, and names are labels in the user's language, never codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import { aSignedInEnterprise, aSignedInOfficial } from '../../../../test/helpers/cases-factories.ts';
import { aDemand, anArrearsComplaint, aPublicBody } from '../../../../test/helpers/factories.ts';
import { makeUscc } from '../../../reference/uscc.ts';
import { DASHBOARD_COLUMN_TITLES } from '../../../shared/supervision-titles.ts';
import { supervisionEn } from '../../../web/i18n/supervision.en.ts';
import { supervisionZh } from '../../../web/i18n/supervision.zh-CN.ts';

type Lang = 'zh' | 'en';
const BY = ['region', 'department', 'debtorKind', 'month'] as const;

/** The page's column titles of a table, in order (the name column, then the figures shown). */
function pageTitles(by: (typeof BY)[number], lang: Lang, withAmounts: boolean): string[] {
  const d = lang === 'zh' ? supervisionZh : supervisionEn;
  const name =
    by === 'region'
      ? d['supervision.col.region']
      : by === 'department'
        ? d['supervision.col.department']
        : by === 'debtorKind'
          ? d['supervision.col.debtorKind']
          : // The page charts the months (no table): the month column is titled as the month filter's field.
            DASHBOARD_COLUMN_TITLES.month[lang];
  return [
    name,
    d['supervision.col.received'],
    d['supervision.col.open'],
    ...(by === 'region' ? [d['supervision.col.overdue'], d['supervision.col.dueSoon']] : []),
    d['supervision.col.replied'],
    d['supervision.col.onTimeRate'],
    d['supervision.col.averageDays'],
    d['supervision.col.satisfaction'],
    d['supervision.col.reopenRate'],
    ...(withAmounts
      ? [
          d['supervision.col.claimed'],
          d['supervision.col.repaid'],
          d['supervision.col.outstanding'],
          d['supervision.col.clearance'],
        ]
      : []),
  ];
}

/** CSV text as rows of cells (the exports quote no commas in these tables). */
function parseCsv(text: string): string[][] {
  return text
    .replace('\uFEFF', '')
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));
}

describe('supervision dashboard exports', () => {
  let t: TestApp;
  let province: Session;
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const [firm, provinceOffice] = await Promise.all([
      aSignedInEnterprise(t),
      aSignedInOfficial(t, { region: '320000', department: 'sme' }),
    ]);
    const enterprise = firm.session;
    province = provinceOffice;
    // A demand, a complaint against a government body (186,000) and one against a large enterprise (20,000).
    await aDemand(t, enterprise);
    await anArrearsComplaint(t, enterprise, aPublicBody('320583'));
    const created = await t.request('POST', '/api/my/cases/arrears', {
      session: enterprise,
      body: {
        debtorUscc: makeUscc('91320583MA1EXPRT0'),
        debtorName: '某大型企业有限公司',
        contractNumber: 'EXPORT-2025-01',
        description: '货款逾期未付，请求协调。',
        claim: {
          debtorKind: 'large_enterprise',
          signedOn: '2025-01-10',
          basis: 'delivery',
          deliveredOn: '2025-01-20',
          amount: 20_000,
        },
      },
    });
    expect(created.statusCode).toBe(200);
  });
  afterAll(() => t.close());

  const exported = async (by: string, lang: Lang, query: Record<string, string> = {}) => {
    const response = await t.request(
      'GET',
      `/api/supervision/dashboard/export?${new URLSearchParams({ by, format: 'csv', ...query })}`,
      { session: province, headers: { 'accept-language': lang === 'en' ? 'en-US,en;q=0.9' : 'zh-CN' } },
    );
    expect(response.statusCode).toBe(200);
    return parseCsv(response.body);
  };

  for (const by of BY)
    for (const lang of ['zh', 'en'] as const)
      it(`totals the ${by} export as the sum of its rows, headed as the page (${lang})`, async () => {
        const [header = [], ...rows] = await exported(by, lang);
        expect(header).toEqual(pageTitles(by, lang, true));
        const total = rows.at(-1) ?? [];
        const body = rows.slice(0, -1);
        expect(total[0]).toBe(lang === 'zh' ? '合计' : 'Total');
        expect(body.length).toBeGreaterThan(0);
        // Every count and amount (not the rates and the average): the totals row is the sum of the rows above it.
        const d = lang === 'zh' ? supervisionZh : supervisionEn;
        const ratios = new Set<string>([
          d['supervision.col.onTimeRate'],
          d['supervision.col.averageDays'],
          d['supervision.col.satisfaction'],
          d['supervision.col.reopenRate'],
          d['supervision.col.clearance'],
        ]);
        header.forEach((title, column) => {
          if (column === 0 || ratios.has(title)) return;
          const sum = body.reduce((acc, row) => acc + Number(row[column]), 0);
          expect(Number(total[column]), `${by}: ${title}`).toBeCloseTo(sum, 2);
        });
      });

  it('names the kinds of debtor in the user’s language', async () => {
    const zh = await exported('debtorKind', 'zh');
    expect(zh.slice(1).map((row) => row[0])).toEqual(['机关', '大型企业', '合计']);
    const en = await exported('debtorKind', 'en');
    expect(en.slice(1).map((row) => row[0])).toEqual(['Government body', 'Large enterprise', 'Total']);
  });

  it('counts only complaints in the debtor kinds’ totals', async () => {
    const zh = await exported('debtorKind', 'zh');
    // Two complaints received; the dashboard's totals (demands too) are more.
    expect(zh.at(-1)?.[1]).toBe('2');
    const dashboard = (await t.request('GET', '/api/supervision/dashboard', { session: province })).json();
    expect(dashboard.totals.received).toBeGreaterThan(2);
    expect(dashboard.debtorKindTotals.received).toBe(2);
    expect(dashboard.debtorKindTotals.claimed).toBe(206_000);
  });

  it('shows rates as the page does and leaves the amounts out when only demands are shown', async () => {
    const [header = [], first = []] = await exported('department', 'zh', { type: 'demand' });
    expect(header).toEqual(pageTitles('department', 'zh', false));
    const rate = first[header.indexOf('按时答复率')];
    expect(rate === '' || /^\d+(\.\d)?%$/.test(rate ?? '')).toBe(true);
  });
});
