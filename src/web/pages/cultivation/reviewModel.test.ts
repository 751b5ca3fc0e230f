import { describe, expect, it } from 'vitest';
import type { TierSettings } from '../../api/cultivationReview.ts';
import {
  announceFrom,
  bandText,
  commentMissing,
  documentTitle,
  factRows,
  indicatorsTotal,
  newIndicator,
  noticeAhead,
  noticeDaysLeft,
  noticeOver,
  noticePhase,
  orderedActions,
  ownStage,
  provinceIndicatorNames,
  provinceOf,
  recognitionExpired,
  reviewLevelOf,
  settingsBody,
  settingsFieldPath,
  settingsValues,
  standardOf,
  tierOfRecognition,
  unitOfFigure,
} from './reviewModel.ts';

const WORDS = { and: '且', any: '任意值' };

describe('a reviewer’s level and queue', () => {
  it('reads the level from the role and region as the server does: admin the ministry, xx0000 a province', () => {
    expect(reviewLevelOf({ role: 'admin', regionCode: null })).toBe('national');
    expect(reviewLevelOf({ role: 'official', regionCode: '320000' })).toBe('province');
    expect(reviewLevelOf({ role: 'official', regionCode: '320500' })).toBe('county');
    expect(reviewLevelOf({ role: 'official', regionCode: '320583' })).toBe('county');
    expect(reviewLevelOf({ role: 'official', regionCode: null })).toBeNull();
    expect(reviewLevelOf({ role: 'enterprise', regionCode: '320583' })).toBeNull();
    expect(reviewLevelOf(null)).toBeNull();
  });

  it('opens the queue on the reviewer’s own step', () => {
    expect(ownStage('county')).toBe('county_review');
    expect(ownStage('province')).toBe('province_review');
    expect(ownStage('national')).toBe('national_review');
    expect(ownStage(null)).toBeUndefined();
  });

  it('names the province of a region', () => {
    expect(provinceOf('320583')).toBe('320000');
    expect(provinceOf('32')).toBeUndefined();
    expect(provinceOf(null)).toBeUndefined();
  });
});

describe('actions', () => {
  it('orders the open actions forward first, refusals last, and shows only those open', () => {
    expect(orderedActions(['reject', 'return', 'recommend'])).toEqual(['recommend', 'return', 'reject']);
    expect(orderedActions(['announce', 'reject'])).toEqual(['announce', 'reject']);
    expect(orderedActions([])).toEqual([]);
  });

  it('requires reasons to return, refuse or revoke, not to recommend', () => {
    expect(commentMissing('return', '  ')).toBe(true);
    expect(commentMissing('reject', '')).toBe(true);
    expect(commentMissing('revoke', '弄虚作假')).toBe(false);
    expect(commentMissing('recommend', '')).toBe(false);
    expect(commentMissing('approve', '')).toBe(false);
  });
});

describe('bands in words', () => {
  it('states each end as included or not, with the unit', () => {
    expect(
      bandText({ lower: { value: 5, included: true }, upper: { value: 10, included: false } }, '%', WORDS),
    ).toBe('≥ 5 % 且 < 10 %');
    expect(bandText({ lower: null, upper: { value: 2, included: true } }, '', WORDS)).toBe('≤ 2');
    expect(bandText({ lower: { value: 0.125, included: false }, upper: null }, '项', WORDS)).toBe(
      '> 0.125 项',
    );
    expect(bandText({ lower: null, upper: null }, '', WORDS)).toBe('任意值');
  });

  it('adds up the indicators’ maximums', () => {
    expect(indicatorsTotal([{ max: 10 }, { max: 5 }])).toBe(15);
    expect(indicatorsTotal([{ max: Number.NaN }, { max: 5 }])).toBe(5);
  });
});

const SETTINGS: TierSettings = {
  tier: 'specialised',
  quota: 200,
  opensOn: '2026-03-01',
  closesOn: '2026-05-31',
  noticeDays: 7,
  countyDays: 15,
  provinceDays: 20,
  indicators: [
    {
      id: 'export_share',
      zh: '出口占比',
      en: 'export share',
      unit: { zh: '%', en: '%' },
      max: 15,
      bands: [
        { points: 0, lower: null, upper: { value: 10, included: false } },
        { points: 15, lower: { value: 10, included: true }, upper: null },
      ],
    },
  ],
  used: 3,
  version: 4,
  defaults: { noticeDays: 5, countyDays: 15, provinceDays: 20, basis: { zh: '惠企默认', en: 'Huiqi' } },
};

describe('the settings form', () => {
  it('reads the settings into the form and writes them back unchanged, on the version read', () => {
    const values = settingsValues(SETTINGS);
    expect(values.indicators[0]?.bands[0]?.lower).toEqual({ unbounded: true, included: true });
    expect(values.indicators[0]?.bands[1]?.upper).toEqual({ unbounded: true, included: false });
    const body = settingsBody(values, 'specialised', 4);
    expect(body).toEqual({
      quota: 200,
      opensOn: '2026-03-01',
      closesOn: '2026-05-31',
      noticeDays: 7,
      countyDays: 15,
      provinceDays: 20,
      indicators: SETTINGS.indicators,
      version: 4,
    });
  });

  it('sends no quota and no window as null, and no indicators for another tier', () => {
    const values = { ...settingsValues(SETTINGS), quota: null, opensOn: '', closesOn: undefined };
    const body = settingsBody(values, 'innovative', 0);
    expect(body.quota).toBeNull();
    expect(body.opensOn).toBeNull();
    expect(body.closesOn).toBeNull();
    expect(body.indicators).toEqual([]);
  });

  it('sends a figure left empty as NaN (JSON null) so the server names its field, and English falls back to Chinese', () => {
    const values = settingsValues(SETTINGS);
    const indicator = { ...newIndicator(['local_1']), zh: ' 人均产值 ', unitZh: '万元' };
    indicator.bands = [
      {
        points: null,
        lower: { unbounded: false, value: null, included: true },
        upper: { unbounded: true, included: false },
      },
    ];
    const body = settingsBody({ ...values, noticeDays: null, indicators: [indicator] }, 'specialised', 1);
    expect(JSON.parse(JSON.stringify(body)).noticeDays).toBeNull();
    expect(body.indicators[0]).toMatchObject({
      id: 'local_2',
      zh: '人均产值',
      en: '人均产值',
      unit: { zh: '万元', en: '万元' },
    });
    expect(JSON.parse(JSON.stringify(body.indicators[0]?.bands[0]))).toEqual({
      points: null,
      lower: { value: null, included: true },
      upper: null,
    });
  });

  it('puts the server’s field errors on the form’s items', () => {
    expect(settingsFieldPath('closesOn')).toEqual(['closesOn']);
    expect(settingsFieldPath('body.quota')).toEqual(['quota']);
    expect(settingsFieldPath('indicators')).toEqual(['indicators']);
    expect(settingsFieldPath('indicators[0]')).toEqual(['indicators', 0, 'max']);
    expect(settingsFieldPath('indicators[0].bands[1]')).toEqual(['indicators', 0, 'bands', 1, 'points']);
    expect(settingsFieldPath('indicators.0.bands.1.lower.value')).toEqual([
      'indicators',
      0,
      'bands',
      1,
      'lower',
      'value',
    ]);
    expect(settingsFieldPath('indicators[2].bands')).toEqual(['indicators', 2, 'max']);
    expect(settingsFieldPath('indicators[1].unit.en')).toEqual(['indicators', 1, 'unitEn']);
    expect(settingsFieldPath('indicators[1].zh')).toEqual(['indicators', 1, 'zh']);
    expect(settingsFieldPath('version')).toBeNull();
  });
});

describe('public notices', () => {
  const notice = { noticeFrom: '2026-12-08', noticeTo: '2026-12-12' };
  it('is upcoming before its first day, open through its last, closed after', () => {
    expect(noticePhase(notice, '2026-12-07')).toBe('upcoming');
    expect(noticePhase(notice, '2026-12-08')).toBe('open');
    expect(noticePhase(notice, '2026-12-12')).toBe('open');
    expect(noticePhase(notice, '2026-12-13')).toBe('closed');
  });

  it('counts the days left including today', () => {
    expect(noticeDaysLeft('2026-12-12', '2026-12-08')).toBe(5);
    expect(noticeDaysLeft('2026-12-12', '2026-12-12')).toBe(1);
    expect(noticeDaysLeft('2026-12-12', '2026-12-13')).toBe(0);
  });
});

describe('an application’s facts', () => {
  it('lists the known facts in order, others after, and a missing one as none (never 0)', () => {
    const rows = factRows({
      zeta: 1,
      ipClassII: 0,
      employees: 120,
      netProfit: null,
      qualityItems: ['own_brand'],
      certifications: [{ name: '高新技术企业' }],
      provinceIndicators: { export_share: 12 },
      inStrategicCatalogue: false,
    });
    expect(rows.map((r) => r.key)).toEqual([
      'employees',
      'netProfit',
      'certifications',
      'ipClassII',
      'qualityItems',
      'inStrategicCatalogue',
      'provinceIndicators',
      'zeta',
    ]);
    expect(rows[1]?.value).toEqual({ kind: 'none' });
    expect(rows[2]?.value).toEqual({ kind: 'list', values: ['高新技术企业'] });
    expect(rows[3]?.value).toEqual({ kind: 'number', value: 0 });
    expect(rows[5]?.value).toEqual({ kind: 'boolean', value: false });
    expect(rows[6]?.value).toEqual({ kind: 'pairs', pairs: [['export_share', '12']] });
    expect(rows[7]?.known).toBe(false);
    expect(factRows(null)).toEqual([]);
  });
});

describe('standards, facts and the notice as the reviewer reads them', () => {
  it('names a standard version by its document and annex, never its id', () => {
    expect(standardOf('2022-innovative', 'zh-CN')).toEqual({
      documentNumber: '工信部企业〔2022〕63号',
      title: '优质中小企业梯度培育管理暂行办法',
      annex: 1,
      tier: 'innovative',
    });
    expect(standardOf('2022-little-giant', 'en')).toMatchObject({
      title: 'Interim Measures for the Gradient Cultivation of Quality SMEs',
      annex: 3,
    });
    expect(standardOf('2030-unknown', 'zh-CN')).toBeNull();
    expect(documentTitle('工信部企业〔2026〕2号', '优质中小企业梯度培育管理办法', 'en')).toBe(
      'Measures for the Gradient Cultivation of Quality SMEs',
    );
    expect(documentTitle('某文件', '某办法', 'en')).toBe('某办法');
  });
  it('names a province indicator by the assessment’s name of it and reads its unit from its figure', () => {
    const names = provinceIndicatorNames({
      indicators: [
        { id: 'province:export_share', name: { zh: '出口交货值占比', en: 'Export share' } },
        { id: 'ip', name: { zh: '知识产权', en: 'IP' } },
      ],
    });
    expect([...names.keys()]).toEqual(['export_share']);
    expect(names.get('export_share')?.en).toBe('Export share');
    expect(unitOfFigure({ value: 12.5, text: '12.5%' })).toBe('%');
    expect(unitOfFigure({ value: 30, text: '30 hours' })).toBe(' hours');
    expect(unitOfFigure({ value: null, text: '缺少数据' })).toBe('');
  });
  it('knows the tiers’ recognitions', () => {
    expect(tierOfRecognition('专精特新“小巨人”企业')).toBe('little_giant');
    expect(tierOfRecognition('高新技术企业')).toBeUndefined();
  });
  it('offers announcing only once the notice’s last day has passed, from the day after', () => {
    expect(noticeOver('2026-12-07', '2026-12-07')).toBe(false);
    expect(noticeOver('2026-12-07', '2026-12-08')).toBe(true);
    expect(announceFrom('2026-12-31')).toBe('2027-01-01');
  });
});

describe('a recognition past its last valid day', () => {
  it('reads expired from the day after its last, and only when recognised', () => {
    expect(recognitionExpired('recognised', '2026-12-06', '2026-12-07')).toBe(true);
    expect(recognitionExpired('recognised', '2026-12-07', '2026-12-07')).toBe(false);
    expect(recognitionExpired('recognised', null, '2026-12-07')).toBe(false);
    expect(recognitionExpired('revoked', '2026-12-06', '2026-12-07')).toBe(false);
  });
});

describe('a notice approved to start tomorrow', () => {
  it('waits for its first day, then runs', () => {
    expect(noticeAhead('notice', '2026-12-08', '2026-12-07')).toBe(true);
    expect(noticeAhead('notice', '2026-12-07', '2026-12-07')).toBe(false);
    expect(noticeAhead('recognised', '2026-12-08', '2026-12-07')).toBe(false);
  });
});
