import { describe, expect, it } from 'vitest';
import type { Assessment, CultivationApplication, TierView } from '../../api/cultivation.ts';
import {
  applicationActions,
  applyBlock,
  confidenceMark,
  evidenceFileProblem,
  factsToForm,
  formFieldOf,
  formToFacts,
  holdsPrerequisite,
  mendAt,
  NO_QUALITY_ITEM,
  normaliseQualityItems,
  numberProblem,
  provinceIndicatorFields,
  provinceIndicatorUnit,
  recognitionName,
  scoreVerdict,
  sourceOf,
  successorMayApply,
  tierBelow,
  withoutFieldPrefix,
  withRecognitionNames,
} from './myCultivationModel.ts';

const L = (zh: string) => ({ zh, en: zh });

function anAssessment(patch: Partial<Assessment> = {}): Assessment {
  return {
    tier: 'specialised',
    standardId: '2022-specialised',
    status: 'incomplete',
    likely: false,
    total: 0,
    maxTotal: 100,
    passMark: 60,
    scorePasses: null,
    summary: L('…'),
    dimensions: [],
    indicators: [],
    conditions: [],
    missing: [],
    needs: [],
    ...patch,
  };
}

function aTier(patch: Partial<TierView> = {}): TierView {
  return {
    tier: 'specialised',
    name: L('专精特新中小企业'),
    recognition: '专精特新中小企业',
    standard: {
      id: '2022-specialised',
      documentNumber: '工信部企业〔2022〕63号',
      titleZh: '优质中小企业梯度培育管理暂行办法',
      inForceFrom: '2022-06-01',
      inForceTo: null,
      confidence: 'agreed',
      basis: 'docs/reference/cultivation.md §3',
      reportedSuccessor: {
        documentNumber: '工信部企业〔2026〕2号',
        titleZh: '优质中小企业梯度培育管理办法',
        from: '2026-04-01',
        confidence: 'unverified',
      },
    },
    assessment: anAssessment(),
    heldUntil: null,
    window: { open: true, opensOn: null, closesOn: null },
    ...patch,
  };
}

function anApplication(patch: Partial<CultivationApplication> = {}): CultivationApplication {
  return {
    id: 7,
    enterpriseId: 1,
    enterpriseName: '某公司',
    uscc: '91320583MA1XXXXX0X',
    tier: 'specialised',
    standardVersion: '2022-specialised',
    year: 2026,
    dataYear: 2025,
    regionCode: '320583',
    stage: 'county_review',
    score: 70,
    status: 'likely',
    dueOn: '2026-12-28',
    overdue: false,
    returnComment: null,
    noticeFrom: null,
    noticeTo: null,
    validFrom: null,
    validTo: null,
    revokedReason: null,
    submittedAt: '2026-12-07T02:00:00.000Z',
    updatedAt: '2026-12-07T02:00:00.000Z',
    version: 1,
    ...patch,
  };
}

describe('the facts form', () => {
  it('reads stored facts into the form: blanks stay blank, yes/no as choices, no quality item as “none”', () => {
    const values = factsToForm({
      ipClassII: 3,
      netProfit: -12.5,
      keyChainLink: false,
      makerChinaTop500: true,
      qualityItems: [],
      nationalAwardRank: 'none',
      provincialAwardRank: 2,
      provinceIndicators: { exports: 12 },
    });
    expect(values.ipClassII).toBe(3);
    expect(values.netProfit).toBe(-12.5);
    expect(values.ipClassIOther).toBeNull();
    expect(values.keyChainLink).toBe('no');
    expect(values.makerChinaTop500).toBe('yes');
    expect(values.priorityField).toBeNull();
    expect(values.qualityItems).toEqual([NO_QUALITY_ITEM]);
    expect(values.nationalAwardRank).toBe('none');
    expect(values.provincialAwardRank).toBe(2);
    expect(values.provinceIndicators).toEqual({ exports: 12 });
  });

  it('sends every fact, a blank as null (never 0), “none of these” as an empty list, and keeps province indicators the form no longer asks', () => {
    const facts = formToFacts(
      {
        ipClassII: 3,
        digitalLevel: undefined,
        keyChainLink: 'no',
        informationSystems: 'yes',
        qualityItems: [NO_QUALITY_ITEM],
        nationalAwardRank: 'none',
        provinceIndicators: { exports: 12, brand: undefined },
      },
      { provinceIndicators: { retired: 4, exports: 1 } },
    );
    expect(facts.ipClassII).toBe(3);
    expect(facts.digitalLevel).toBeNull();
    expect(facts.netProfit).toBeNull();
    expect(facts.keyChainLink).toBe(false);
    expect(facts.informationSystems).toBe(true);
    expect(facts.priorityField).toBeNull();
    expect(facts.qualityItems).toEqual([]);
    expect(facts.nationalAwardRank).toBe('none');
    expect(facts.provincialAwardRank).toBeNull();
    expect(facts.rdInstitution).toBeNull();
    expect(facts.provinceIndicators).toEqual({ retired: 4, exports: 12 });
    expect(Object.keys(facts)).toHaveLength(23);
  });

  it('sends the quality items chosen, and no list when none was chosen', () => {
    expect(formToFacts({ qualityItems: ['own_brand'] }, {}).qualityItems).toEqual(['own_brand']);
    expect(formToFacts({ qualityItems: [] }, {}).qualityItems).toBeNull();
    expect(formToFacts({}, {}).provinceIndicators).toBeNull();
  });

  it('makes “none of these” exclusive of the items', () => {
    expect(normaliseQualityItems(['own_brand', NO_QUALITY_ITEM], ['own_brand'])).toEqual([NO_QUALITY_ITEM]);
    expect(normaliseQualityItems([NO_QUALITY_ITEM, 'own_brand'], [NO_QUALITY_ITEM])).toEqual(['own_brand']);
    expect(normaliseQualityItems(['own_brand', 'standard_setting'], ['own_brand'])).toEqual([
      'own_brand',
      'standard_setting',
    ]);
  });

  it('checks numbers before sending: whole counts, no negative amount, a level 0–4, a share up to 100', () => {
    expect(numberProblem('ipClassII', 1.5)).toEqual({ key: 'whole' });
    expect(numberProblem('ipClassII', -1)).toEqual({ key: 'min', limit: 0 });
    expect(numberProblem('newEquity2y', -0.01)).toEqual({ key: 'min', limit: 0 });
    expect(numberProblem('netProfit', -500)).toBeNull();
    expect(numberProblem('digitalLevel', 5)).toEqual({ key: 'max', limit: 4 });
    expect(numberProblem('digitalLevel', 2.5)).toEqual({ key: 'whole' });
    expect(numberProblem('nationalMarketShare', 100)).toBeNull();
    expect(numberProblem('nationalMarketShare', 100.1)).toEqual({ key: 'max', limit: 100 });
    expect(numberProblem('nicheYears', 2.5)).toBeNull();
    expect(numberProblem('nicheYears', null)).toBeNull();
  });

  it('puts the server’s facts.<key> errors on the form’s items, a province indicator nested', () => {
    expect(formFieldOf('facts.ipClassIInUse')).toEqual(['ipClassIInUse']);
    expect(formFieldOf('body.facts.newEquity2y')).toEqual(['newEquity2y']);
    expect(formFieldOf('facts.provinceIndicators.exports')).toEqual(['provinceIndicators', 'exports']);
    expect(formFieldOf('facts.provinceIndicators')).toBeNull();
    expect(formFieldOf('facts.rdExpense')).toBeNull();
    expect(formFieldOf('year')).toBeNull();
  });

  it('drops the raw key a server message starts with', () => {
    expect(withoutFieldPrefix('ipClassIInUse：产生经济效益的Ⅰ类知识产权（3）多于Ⅰ类知识产权合计（1）')).toBe(
      '产生经济效益的Ⅰ类知识产权（3）多于Ⅰ类知识产权合计（1）',
    );
    expect(withoutFieldPrefix('newEquity2y: new equity in 2 years (9) is above the 3-year figure (5)')).toBe(
      'new equity in 2 years (9) is above the 3-year figure (5)',
    );
    expect(withoutFieldPrefix('须先具备有效的前一梯度认定')).toBe('须先具备有效的前一梯度认定');
  });

  it('asks for the province’s indicators the 专精特新 assessment scores, once each', () => {
    const indicator = (id: string) => ({
      id,
      dimension: 'distinctiveness',
      name: L(id),
      points: 0,
      max: 5,
      missing: true,
      figures: [],
      basis: '',
      confidence: 'agreed',
    });
    const tiers = [
      aTier({ assessment: anAssessment({ indicators: [indicator('ip'), indicator('province:exports')] }) }),
      aTier({
        tier: 'little_giant',
        assessment: anAssessment({ indicators: [indicator('province:exports')] }),
      }),
      aTier({ assessment: null }),
    ];
    expect(provinceIndicatorFields({ tiers })).toEqual([
      { id: 'exports', name: L('province:exports'), max: 5 },
    ]);
  });
});

describe('a missing fact', () => {
  const fields = [{ id: 'exports', name: L('出口'), max: 5 }];
  it('is filled in the form’s group when the enterprise gives it', () => {
    expect(mendAt('ipClassII', fields)).toEqual({ at: 'form', group: 'ip', field: 'ipClassII' });
    expect(mendAt('netProfit', fields)).toEqual({ at: 'form', group: 'market', field: 'netProfit' });
    expect(mendAt('nationalMarketShare', fields)).toEqual({
      at: 'form',
      group: 'giant',
      field: 'nationalMarketShare',
    });
    expect(mendAt('provinceIndicators.exports', fields)).toEqual({
      at: 'form',
      group: 'province',
      field: 'provinceIndicators.exports',
    });
  });
  it('is corrected in the registry when the registry holds it, and nowhere while the province set none', () => {
    expect(mendAt('mainBusinessRevenuePrev2', fields)).toEqual({ at: 'registry' });
    expect(mendAt('certifications', fields)).toEqual({ at: 'registry' });
    expect(mendAt('provinceIndicators', fields)).toEqual({ at: 'none' });
  });
});

describe('marks and dates', () => {
  it('marks only figures from memory or unverified', () => {
    expect(confidenceMark('memory')).toBe('memory');
    expect(confidenceMark('unverified')).toBe('unverified');
    expect(confidenceMark('agreed')).toBeNull();
    expect(confidenceMark('text')).toBeNull();
  });
  it('says the reported revision may apply from its reported first day', () => {
    expect(successorMayApply(aTier().standard, '2026-03-31')).toBe(false);
    expect(successorMayApply(aTier().standard, '2026-04-01')).toBe(true);
    expect(successorMayApply(null, '2026-04-01')).toBe(false);
  });
});

describe('applying and an application', () => {
  it('is offered when the standard is in force, the window open, the tier below held and none is open', () => {
    expect(applyBlock(aTier(), [], '2026-12-07')).toBeNull();
  });
  it('names what stands in the way, first reason first', () => {
    expect(applyBlock(aTier({ standard: null, assessment: null }), [], '2026-12-07')).toEqual({
      reason: 'noStandard',
    });
    const open = anApplication();
    expect(applyBlock(aTier(), [open], '2026-12-07')).toEqual({ reason: 'applied', application: open });
    // Last year's, or a withdrawn one, does not block.
    expect(
      applyBlock(
        aTier(),
        [anApplication({ year: 2025 }), anApplication({ stage: 'withdrawn' })],
        '2026-12-07',
      ),
    ).toBeNull();
    expect(
      applyBlock(
        aTier({ window: { open: false, opensOn: '2026-03-01', closesOn: '2026-05-31' } }),
        [],
        '2026-12-07',
      ),
    ).toEqual({ reason: 'windowClosed', opensOn: '2026-03-01', closesOn: '2026-05-31' });
    const prerequisite = {
      id: 'prerequisite',
      group: 'prerequisite' as const,
      name: L('前置'),
      met: false,
      reason: L('需持有创新型中小企业'),
      basis: '',
      confidence: 'memory',
    };
    expect(
      applyBlock(aTier({ assessment: anAssessment({ conditions: [prerequisite] }) }), [], '2026-12-07'),
    ).toEqual({ reason: 'prerequisite', below: { zh: '前一梯度', en: 'the tier below' } });
  });
  it('is not offered for 专精特新 without the innovative recognition in force, whatever the condition says', () => {
    const innovative = aTier({ tier: 'innovative', name: L('创新型中小企业'), heldUntil: null });
    const specialised = aTier();
    // The condition undecided (the registry's recognitions unknown to the rules): the page's reading decides.
    expect(applyBlock(specialised, [], '2026-12-07', [innovative, specialised])).toEqual({
      reason: 'prerequisite',
      below: L('创新型中小企业'),
    });
    // Held until yesterday: no longer in force.
    expect(
      applyBlock(specialised, [], '2026-12-07', [{ ...innovative, heldUntil: '2026-12-06' }, specialised]),
    ).toMatchObject({ reason: 'prerequisite' });
    expect(
      applyBlock(specialised, [], '2026-12-07', [{ ...innovative, heldUntil: '2026-12-07' }, specialised]),
    ).toBeNull();
    expect(
      applyBlock(specialised, [], '2026-12-07', [{ ...innovative, heldUntil: '9999-12-31' }, specialised]),
    ).toBeNull();
  });
  it('asks the little giant for 专精特新 held, and the innovative tier for nothing', () => {
    const specialised = aTier({ heldUntil: null });
    const giant = aTier({ tier: 'little_giant', name: L('专精特新“小巨人”企业') });
    expect(applyBlock(giant, [], '2026-12-07', [specialised, giant])).toEqual({
      reason: 'prerequisite',
      below: L('专精特新中小企业'),
    });
    expect(tierBelow('little_giant')).toBe('specialised');
    expect(tierBelow('innovative')).toBeNull();
    const innovative = aTier({ tier: 'innovative', assessment: anAssessment({ tier: 'innovative' }) });
    expect(holdsPrerequisite(innovative, [innovative], '2026-12-07')).toBe(true);
  });
  it('may be withdrawn while under review or returned, and resubmitted only when returned', () => {
    expect(applicationActions('county_review')).toEqual({ withdraw: true, resubmit: false });
    expect(applicationActions('returned')).toEqual({ withdraw: true, resubmit: true });
    expect(applicationActions('national_review')).toEqual({ withdraw: true, resubmit: false });
    expect(applicationActions('notice')).toEqual({ withdraw: false, resubmit: false });
    expect(applicationActions('recognised')).toEqual({ withdraw: false, resubmit: false });
  });
});

describe('an evidence file', () => {
  const types = ['pdf', 'jpg', 'png'];
  it('is refused before sending when its extension is not accepted, it is empty or too large', () => {
    expect(evidenceFileProblem('专利证书.PDF', 1000, types, 2000)).toBeNull();
    expect(evidenceFileProblem('证书.exe', 1000, types, 2000)).toBe('badType');
    expect(evidenceFileProblem('pdf', 1000, types, 2000)).toBe('badType');
    expect(evidenceFileProblem('证书.pdf', 0, types, 2000)).toBe('empty');
    expect(evidenceFileProblem('证书.pdf', 2001, types, 2000)).toBe('tooLarge');
    expect(evidenceFileProblem('证书.pdf', 2000, types, 2000)).toBeNull();
  });
});

describe('the verdict beside the score', () => {
  it('agrees with the assessment’s status, saying what else decides when the score says otherwise', () => {
    expect(scoreVerdict({ status: 'likely', scorePasses: true })).toEqual({ key: 'passes', tone: 'success' });
    expect(scoreVerdict({ status: 'likely', scorePasses: false })).toEqual({
      key: 'failsButDirect',
      tone: 'success',
    });
    expect(scoreVerdict({ status: 'unlikely', scorePasses: true })).toEqual({
      key: 'passesButFails',
      tone: 'error',
    });
    expect(scoreVerdict({ status: 'unlikely', scorePasses: false })).toEqual({ key: 'fails', tone: 'error' });
    expect(scoreVerdict({ status: 'incomplete', scorePasses: true })).toEqual({
      key: 'passesButMissing',
      tone: 'warning',
    });
    expect(scoreVerdict({ status: 'incomplete', scorePasses: null })).toEqual({
      key: 'unknown',
      tone: 'warning',
    });
  });
});

describe('names and sources as a reader reads them', () => {
  it('words a source as the province’s setting or the standard’s document, never the file it is kept in', () => {
    expect(sourceOf('docs/reference/cultivation.md §3.4; 320000')).toBe('province');
    expect(sourceOf('docs/reference/cultivation.md §2.2')).toBe('standard');
  });
  it('names the registry’s recognitions in English by the tiers’ names', () => {
    const tiers = [
      aTier({ recognition: '专精特新中小企业', name: { zh: '专精特新中小企业', en: 'Specialised SME' } }),
    ];
    expect(recognitionName('专精特新中小企业', tiers, 'en')).toBe('Specialised SME');
    expect(recognitionName('高新技术企业', tiers, 'en')).toBe('High-tech enterprise');
    expect(recognitionName('某某示范企业', tiers, 'en')).toBe('某某示范企业');
    expect(recognitionName('专精特新中小企业', tiers, 'zh-CN')).toBe('专精特新中小企业');
  });
  it('gives the recognitions an English text quotes in Chinese their English names, in English only', () => {
    const reason = 'one of 高新技术企业, 知识产权示范企业 needed; holds 专精特新“小巨人”企业 (not met)';
    expect(withRecognitionNames(reason, 'en')).toBe(
      'one of High-tech enterprise, IP demonstration enterprise needed; holds “Little giant” (not met)',
    );
    expect(withRecognitionNames('需持有高新技术企业', 'zh-CN')).toBe('需持有高新技术企业');
  });
  it('reads a province indicator’s unit from the assessment, a value given or not', () => {
    const figure = (value: number | null, unit: { zh: string; en: string } | null) => ({
      measure: 'provinceIndicators.export_share',
      name: L('出口'),
      value,
      text: L(value === null ? '缺少数据' : String(value)),
      unit,
    });
    const withFigure = (f: ReturnType<typeof figure>) => ({
      tiers: [
        aTier({
          assessment: anAssessment({
            indicators: [
              {
                id: 'province:export_share',
                dimension: 'distinctive',
                name: L('出口'),
                points: 5,
                max: 10,
                missing: false,
                figures: [f],
                basis: '',
                confidence: 'agreed',
              },
            ],
          }),
        }),
      ],
    });
    expect(
      provinceIndicatorUnit(withFigure(figure(12.5, { zh: '%', en: '%' })), 'export_share', 'zh-CN'),
    ).toBe('%');
    expect(
      provinceIndicatorUnit(withFigure(figure(null, { zh: '小时', en: 'hours' })), 'export_share', 'en'),
    ).toBe('hours');
    expect(provinceIndicatorUnit(withFigure(figure(1, null)), 'export_share', 'zh-CN')).toBe('');
  });
});
