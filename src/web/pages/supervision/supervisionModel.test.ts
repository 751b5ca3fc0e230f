import { describe, expect, it } from 'vitest';
import type { DisclosureStatusItem } from '../../api/supervision.ts';
import { translate } from '../../i18n/core.ts';
import type { TFunction } from '../../i18n/I18nProvider.tsx';
import {
  chinaDay,
  chosenYear,
  debtorKindName,
  disclosureCounts,
  disclosureState,
  disclosureYears,
  exportLang,
  fillMonths,
  filtersFromParams,
  formatDays,
  formatRate,
  formatYuan,
  isDrillable,
  openCasesLink,
  overdueCasesLink,
  percentValue,
  regionTrail,
} from './supervisionModel.ts';

describe('dashboard filters from the URL', () => {
  it('keeps well-formed filters', () => {
    const params = new URLSearchParams('region=320500&from=2026-01&to=2026-11&type=arrears&department=sme');
    expect(filtersFromParams(params)).toEqual({
      region: '320500',
      from: '2026-01',
      to: '2026-11',
      type: 'arrears',
      department: 'sme',
    });
  });

  it('leaves out malformed values instead of sending them', () => {
    const params = new URLSearchParams('region=32&from=2026-13&to=26-01&type=other&department=');
    expect(filtersFromParams(params)).toEqual({});
  });
});

describe('the monthly trend', () => {
  it('adds the months without cases between the first and the last, across a year end', () => {
    const rows = [
      { month: '2025-11', received: 2 },
      { month: '2026-02', received: 1 },
    ];
    expect(fillMonths(rows, (month) => ({ month, received: 0 }))).toEqual([
      { month: '2025-11', received: 2 },
      { month: '2025-12', received: 0 },
      { month: '2026-01', received: 0 },
      { month: '2026-02', received: 1 },
    ]);
    expect(fillMonths([], (month) => ({ month }))).toEqual([]);
  });
});

describe('drilling down by region', () => {
  it('opens provinces and cities below the region shown, never a county or the region itself', () => {
    expect(isDrillable({ regionCode: '320000' }, null)).toBe(true);
    expect(isDrillable({ regionCode: '320500' }, '320000')).toBe(true);
    expect(isDrillable({ regionCode: '110100' }, '110000')).toBe(true);
    expect(isDrillable({ regionCode: '320583' }, '320500')).toBe(false);
    expect(isDrillable({ regionCode: '320583' }, '320583')).toBe(false);
    expect(isDrillable({ regionCode: '320500' }, '320500')).toBe(false);
  });

  it('walks from the region up to the official’s own region for the breadcrumb', async () => {
    const regions: Record<string, { code: string; name: string; parentCode: string | null }> = {
      '320000': { code: '320000', name: '江苏省', parentCode: null },
      '320500': { code: '320500', name: '苏州市', parentCode: '320000' },
      '320583': { code: '320583', name: '昆山市', parentCode: '320500' },
    };
    const fetchRegion = async (code: string) => {
      const region = regions[code];
      if (!region) throw new Error(code);
      return region;
    };
    expect(await regionTrail('320583', '320500', fetchRegion)).toEqual([
      { code: '320500', name: '苏州市' },
      { code: '320583', name: '昆山市' },
    ]);
    expect((await regionTrail('320583', null, fetchRegion)).map((crumb) => crumb.name)).toEqual([
      '江苏省',
      '苏州市',
      '昆山市',
    ]);
  });
});

describe('the link to a region’s overdue cases', () => {
  it('opens the case queue with the filters it reads from its URL', () => {
    expect(overdueCasesLink('320583', { type: 'arrears' })).toBe(
      '/app/cases?overdue=true&region=320583&type=arrears',
    );
    expect(overdueCasesLink(null)).toBe('/app/cases?overdue=true');
  });

  it('opens the queue of a region’s open cases', () => {
    expect(openCasesLink('320583')).toBe('/app/cases?open=true&region=320583');
    expect(openCasesLink(null, { type: 'demand' })).toBe('/app/cases?open=true&type=demand');
  });

  it('keeps the dashboard’s period and department, so the queue lists the cases the figure counts', () => {
    expect(
      overdueCasesLink('320583', { type: 'demand', from: '2025-03', to: '2025-04', department: 'miit' }),
    ).toBe('/app/cases?overdue=true&region=320583&type=demand&from=2025-03&to=2025-04&department=miit');
    expect(openCasesLink(null, { from: '2025-03' })).toBe('/app/cases?open=true&from=2025-03');
  });
});

describe('figures for display', () => {
  it('shows rates as percentages with one decimal, a dash when nothing was divided', () => {
    expect(formatRate(0.2688, 'zh-CN')).toBe('26.9%');
    expect(formatRate(1, 'en')).toBe('100%');
    expect(formatRate(null, 'en')).toBe('—');
    expect(percentValue(0.2688)).toBe(26.9);
    expect(percentValue(null)).toBeNull();
  });

  it('shows days with one decimal and amounts in yuan with grouping', () => {
    expect(formatDays(3.25, 'en')).toBe('3.3');
    expect(formatDays(null, 'en')).toBe('—');
    expect(formatYuan(136000, 'zh-CN')).toBe('136,000');
    expect(formatYuan(1234.5, 'en')).toBe('1,234.5');
  });

  it('names the kinds of debtor, a complaint without one as not given', () => {
    const t: TFunction = (key, params) => translate('en', key, params);
    expect(debtorKindName(t, 'public_institution')).toBe('Public institution');
    expect(debtorKindName(t, '')).toBe('Not given');
    expect(debtorKindName(t, 'other')).toBe('other');
  });

  it('exports files in the page’s language', () => {
    expect(exportLang('zh-CN')).toBe('zh');
    expect(exportLang('en')).toBe('en');
  });
});

describe('disclosure years and states', () => {
  it('offers the ended years, last year first and by default', () => {
    const years = disclosureYears('2026-11-26');
    expect(years[0]).toBe(2025);
    expect(years.at(-1)).toBe(2020);
    expect(chosenYear(null, years)).toBe(2025);
    expect(chosenYear('2023', years)).toBe(2023);
    expect(chosenYear('2026', years)).toBe(2025);
    expect(disclosureYears('2020-06-01')).toEqual([]);
  });

  const item = (patch: Partial<DisclosureStatusItem>): DisclosureStatusItem => ({
    uscc: '11320583MB0000001H',
    name: '某县直机关',
    kind: 'government',
    contracts: 1,
    amount: 140464,
    published: null,
    overdue: false,
    ...patch,
  });
  const published = (late: boolean): NonNullable<DisclosureStatusItem['published']> => ({
    id: 1,
    organizationUscc: '11320583MB0000001H',
    organizationName: '某县直机关',
    organizationKind: 'government',
    regionCode: '320583',
    year: 2025,
    contracts: 1,
    amount: 140464,
    details: [],
    note: null,
    publishedAt: late ? '2026-04-02T02:00:00.000Z' : '2026-03-20T02:00:00.000Z',
    late,
  });

  it('tells published, published late, overdue, pending and nothing to disclose apart', () => {
    expect(disclosureState(item({ published: published(false) }))).toBe('published');
    expect(disclosureState(item({ published: published(true) }))).toBe('late');
    expect(disclosureState(item({ overdue: true }))).toBe('overdue');
    expect(disclosureState(item({}))).toBe('pending');
    expect(disclosureState(item({ contracts: 0, amount: 0 }))).toBe('none');
  });

  it('counts the bodies by state and sums the amounts', () => {
    const counts = disclosureCounts([
      item({ overdue: true }),
      item({ uscc: 'B', published: published(true), amount: 0.1 }),
      item({ uscc: 'C', published: published(false), amount: 0.2, contracts: 2 }),
    ]);
    expect(counts).toEqual({ bodies: 3, published: 2, late: 1, overdue: 1, contracts: 4, amount: 140464.3 });
  });

  it('dates a publication by the day in China', () => {
    expect(chinaDay('2026-03-31T17:30:00.000Z')).toBe('2026-04-01');
    expect(chinaDay('2026-03-31T02:00:00.000Z')).toBe('2026-03-31');
  });
});
