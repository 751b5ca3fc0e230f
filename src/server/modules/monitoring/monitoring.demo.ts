/**
 * The demo's monitoring (issue 16): the city's monthly SME climate survey (a question for every SMEDI sub-index,
 * the five PMI components, numbers, a choice and a comment), a panel drawn from the city's registry with the demo
 * enterprise in it, six past months answered, computed, reviewed by the province and published (the public page
 * has a series), and this month's wave open: the demo enterprise has the questionnaire in its inbox, and a few
 * members have submitted, one of them flagged for the statistician.
 *
 * The past months are written straight into the module's tables with their dates in the past (a service refuses a
 * deadline that has passed); this month's wave, the panel and the survey go through the services, audited.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Caller } from '../../http/auth.ts';
import { latestSizeYear } from '../registry/index.ts';
import { computeRun } from './monitoring.compute.ts';
import { createResponses, drawPanel, drawTakes, frameSql } from './monitoring.panel.ts';
import { computeRegistryRun } from './monitoring.registry.ts';
import { createRelease, reviewRelease, scheduleRelease } from './monitoring.releases.ts';
import { previousPeriod, type QuestionDraft } from './monitoring.rules.ts';
import { createSurvey } from './monitoring.surveys.ts';
import { openWave } from './monitoring.waves.ts';

export interface MonitoringDemoInput {
  /** The city's statistician (drafts), the province's (reviews). */
  statistician: Caller;
  reviewer: Caller;
  enterprise: Caller;
  enterpriseId: number;
  today: string;
}

const level = (
  code: string,
  textZh: string,
  textEn: string,
  extra: Partial<QuestionDraft>,
): QuestionDraft => ({
  code,
  textZh,
  textEn,
  kind: 'three_level',
  required: true,
  ...extra,
});

/** The demo survey's questions: each sub-index, the PMI components, two numbers, a choice and a comment. */
export const DEMO_QUESTIONS: QuestionDraft[] = [
  level('outlook', '您对下月本行业总体经济形势的判断', 'Your view of your industry’s economy next month', {
    subIndex: 'macro',
    direction: 'up_is_good',
    weight: '1',
    judgement: true,
  }),
  level('output', '本月生产（业务）量比上月', 'Output (business volume) this month against last', {
    subIndex: 'operations',
    direction: 'up_is_good',
    weight: '0.5',
    pmiComponent: 'output',
  }),
  level('capacity', '本月设备（产能）利用率比上月', 'Capacity use this month against last', {
    subIndex: 'operations',
    direction: 'up_is_good',
    weight: '0.5',
  }),
  level('new_orders', '本月新订单比上月', 'New orders this month against last', {
    subIndex: 'market',
    direction: 'up_is_good',
    weight: '0.6',
    pmiComponent: 'new_orders',
  }),
  level('sales_price', '本月产品销售价格比上月', 'Selling prices this month against last', {
    subIndex: 'market',
    direction: 'up_is_good',
    weight: '0.4',
  }),
  level('input_cost', '本月原材料及用工成本比上月', 'Materials and labour costs this month against last', {
    subIndex: 'cost',
    direction: 'down_is_good',
    weight: '1',
  }),
  level('funding', '本月资金周转状况比上月', 'Cash flow this month against last', {
    subIndex: 'funding',
    direction: 'up_is_good',
    weight: '1',
    judgement: true,
  }),
  level('employment', '本月从业人员数比上月', 'Employees this month against last', {
    subIndex: 'labour',
    direction: 'up_is_good',
    weight: '1',
    pmiComponent: 'employment',
  }),
  level('investment', '本月固定资产投资比上月', 'Fixed investment this month against last', {
    subIndex: 'investment',
    direction: 'up_is_good',
    weight: '1',
  }),
  level('profit', '本月利润比上月', 'Profit this month against last', {
    subIndex: 'profit',
    direction: 'up_is_good',
    weight: '1',
  }),
  level('delivery', '本月供应商配送时间比上月', 'Suppliers’ delivery times this month against last', {
    direction: 'down_is_good',
    pmiComponent: 'supplier_delivery',
  }),
  level('inventory', '本月原材料库存比上月', 'Raw-material stocks this month against last', {
    direction: 'up_is_good',
    pmiComponent: 'raw_material_inventory',
  }),
  {
    code: 'employees',
    textZh: '月末从业人员数',
    textEn: 'Employees at the end of the month',
    kind: 'number',
    required: true,
    unit: '人',
    min: '0',
    max: '100000',
    decimals: 0,
    registryFigure: 'employees',
  },
  {
    code: 'revenue',
    textZh: '本月营业收入',
    textEn: 'Revenue this month',
    kind: 'number',
    required: false,
    unit: '万元',
    min: '0',
    max: '1000000',
    decimals: 1,
  },
  {
    code: 'difficulty',
    textZh: '当前最主要的困难',
    textEn: 'Your main difficulty now',
    kind: 'choice',
    required: false,
    choices: [
      { code: 'demand', zh: '市场需求不足', en: 'Weak demand' },
      { code: 'cost', zh: '成本上升', en: 'Rising costs' },
      { code: 'finance', zh: '融资难融资贵', en: 'Finance' },
      { code: 'payment', zh: '账款拖欠', en: 'Late payments' },
      { code: 'labour', zh: '招工难', en: 'Hiring' },
    ],
  },
  {
    code: 'comment',
    textZh: '对政府部门的意见和建议',
    textEn: 'Suggestions to the government',
    kind: 'text',
    required: false,
  },
];

/** A small deterministic generator (the demo is the same every time). */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function monthsBack(today: string, n: number): string {
  let period = today.slice(0, 7);
  for (let i = 0; i < n; i++) period = previousPeriod(period);
  return period;
}

function dayIn(period: string, day: number): string {
  return `${period}-${String(day).padStart(2, '0')}`;
}

/**
 * Synthetic answers of a wave: each member's three-level answers drawn around a climate that improves month by
 * month (`mood` from −1 to 1), its numbers near its registry figures.
 */
async function answerWave(db: Kysely<Database>, waveId: number, mood: number, random: () => number) {
  const members = await db
    .selectFrom('monitoring_responses')
    .select(['enterprise_id', 'industry'])
    .where('wave_id', '=', waveId)
    .orderBy('enterprise_id')
    .execute();
  const rows: {
    enterprise_id: number;
    question_code: string;
    level: -1 | 0 | 1 | null;
    number: string | null;
    choice: string | null;
  }[] = [];
  const threeLevel = DEMO_QUESTIONS.filter((q) => q.kind === 'three_level');
  for (const m of members) {
    const own = (random() - 0.5) * 0.4;
    for (const q of threeLevel) {
      const bias = mood + own + (q.direction === 'down_is_good' ? -0.1 : 0);
      const r = random();
      const up = 0.3 + bias * 0.2;
      const down = 0.3 - bias * 0.2;
      rows.push({
        enterprise_id: Number(m.enterprise_id),
        question_code: q.code,
        level: r < up ? 1 : r > 1 - down ? -1 : 0,
        number: null,
        choice: null,
      });
    }
    rows.push({
      enterprise_id: Number(m.enterprise_id),
      question_code: 'employees',
      level: null,
      number: String(5 + Math.floor(random() * 120)),
      choice: null,
    });
    rows.push({
      enterprise_id: Number(m.enterprise_id),
      question_code: 'difficulty',
      level: null,
      number: null,
      choice: ['demand', 'cost', 'finance', 'payment', 'labour'][Math.floor(random() * 5)] ?? 'demand',
    });
  }
  if (rows.length > 0)
    await db
      .insertInto('monitoring_answers')
      .values(rows.map((r) => ({ ...r, wave_id: waveId })))
      .execute();
}

/** Seeds the demo's survey, panel, six published months and this month's open wave. */
export async function seedMonitoringDemo(db: Kysely<Database>, input: MonitoringDemoInput): Promise<void> {
  const { statistician, reviewer, today } = input;
  const survey = await createSurvey(db, statistician, {
    code: 'sme-climate',
    nameZh: '（演示）苏州市中小企业景气监测调查',
    nameEn: '(Demo) Suzhou SME climate survey',
    description:
      '每月对全市中小微企业样本开展的景气调查，编制中小企业发展指数（仿中国中小企业发展指数的8个分项）。',
    frequency: 'monthly',
    questions: DEMO_QUESTIONS,
    note: '首版',
  });
  // A seed whose draw takes the demo enterprise: the draw is repeatable by seed, so the demo finds one first.
  const sizeYear = (await latestSizeYear(db)) ?? 0;
  const sampleSize = Math.min(60, await frameCount(db, survey.regionCode, sizeYear));
  if (sampleSize === 0) return;
  let seed = 'demo-1';
  for (let i = 1; i <= 100; i++)
    if (await drawTakes(db, survey.regionCode, sizeYear, `demo-${i}`, sampleSize, input.enterpriseId)) {
      seed = `demo-${i}`;
      break;
    }
  await drawPanel(db, statistician, survey.id, { sampleSize, allocation: 'proportional', seed });
  const random = generator(20261206);
  // Six past months: answered, closed, computed, reviewed and published a few days after each month's end.
  for (let back = 6; back >= 1; back--) {
    const period = monthsBack(today, back);
    const next = monthsBack(today, back - 1);
    const { id } = await db
      .insertInto('monitoring_waves')
      .values({
        survey_id: survey.id,
        survey_version: 1,
        period,
        opens_on: dayIn(period, 20),
        closes_on: dayIn(period, 28),
        state: 'closed',
        created_by: statistician.actor?.userId ?? 0,
        closed_at: new Date(`${dayIn(period, 28)}T10:00:00Z`),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const waveId = Number(id);
    await db
      .updateTable('monitoring_survey_versions')
      .set({ frozen_at: new Date(`${dayIn(period, 20)}T01:00:00Z`) })
      .where('survey_id', '=', survey.id)
      .where('frozen_at', 'is', null)
      .execute();
    const given = await createResponses(db, { id: survey.id, weighting: 'design' }, waveId);
    await db
      .updateTable('monitoring_waves')
      .set({ members: given.length })
      .where('id', '=', waveId)
      .execute();
    await answerWave(db, waveId, -0.5 + (6 - back) * 0.15, random);
    await db
      .updateTable('monitoring_responses')
      .set({ state: 'accepted', submitted_at: new Date(`${dayIn(period, 25)}T02:00:00Z`), submissions: 1 })
      .where('wave_id', '=', waveId)
      .execute();
    const run = await db
      .transaction()
      .execute((trx) => computeRun(trx, waveId, statistician.actor?.userId ?? null));
    await db
      .updateTable('monitoring_runs')
      .set({ computed_at: new Date(`${dayIn(period, 28)}T12:00:00Z`) })
      .where('id', '=', run.id)
      .execute();
    await db
      .insertInto('monitoring_releases')
      .values({
        kind: 'index',
        survey_id: survey.id,
        region_code: survey.regionCode,
        period,
        release_version: 1,
        wave_id: waveId,
        run_id: run.id,
        state: 'scheduled',
        commentary_zh: `${period}期全市中小企业发展指数发布。样本企业${given.length}家，全部有效回收。`,
        commentary_en: `The city's SME development index for ${period}; ${given.length} panel enterprises answered.`,
        created_by: statistician.actor?.userId ?? null,
        created_at: new Date(`${dayIn(period, 28)}T13:00:00Z`),
        reviewed_by: reviewer.actor?.userId ?? null,
        reviewed_at: new Date(`${dayIn(period, 28)}T14:00:00Z`),
        scheduled_by: reviewer.actor?.userId ?? null,
        publish_at: new Date(`${dayIn(next, 3)}T01:30:00Z`),
      })
      .execute();
  }
  // The registry's statistics of last month, counted by the city, reviewed by the province and published.
  const registryRun = await computeRegistryRun(db, statistician, { period: monthsBack(today, 1) });
  const draft = await createRelease(db, statistician, {
    runId: registryRun,
    commentaryZh: `${monthsBack(today, 1)}全市登记企业月度统计：存续企业、新设、退出和新入库企业数。`,
  });
  const reviewed = await reviewRelease(db, reviewer, draft.id, draft.version);
  await scheduleRelease(db, statistician, reviewed.id, {
    publishAt: new Date().toISOString(),
    version: reviewed.version,
  });
  // This month's wave, open until ten days from today: the enterprise's inbox has it.
  const closes = new Date(`${today}T00:00:00Z`);
  closes.setUTCDate(closes.getUTCDate() + 10);
  const wave = await openWave(db, statistician, survey.id, {
    period: today.slice(0, 7),
    opensOn: today,
    closesOn: closes.toISOString().slice(0, 10),
    graceDays: 3,
  });
  // A few other members have answered; one straight-lined (every answer "same"), for the statistician to look at.
  const others = await db
    .selectFrom('monitoring_responses')
    .select('enterprise_id')
    .where('wave_id', '=', wave.id)
    .where('enterprise_id', '<>', input.enterpriseId)
    .orderBy('enterprise_id')
    .limit(8)
    .execute();
  for (const [i, o] of others.entries()) {
    const answers = DEMO_QUESTIONS.filter((q) => q.kind === 'three_level').map((q) => ({
      questionCode: q.code,
      level: (i === 0 ? 'same' : (['up', 'same', 'down', 'up'] as const)[(i + q.code.length) % 4]) as
        | 'up'
        | 'same'
        | 'down',
    }));
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('monitoring_answers')
        .values(
          answers.map((a) => ({
            wave_id: wave.id,
            enterprise_id: Number(o.enterprise_id),
            question_code: a.questionCode,
            level: ({ up: 1, same: 0, down: -1 } as const)[a.level],
          })),
        )
        .execute();
      await trx
        .updateTable('monitoring_responses')
        .set({ state: 'submitted', submitted_at: new Date(), submissions: 1 })
        .where('wave_id', '=', wave.id)
        .where('enterprise_id', '=', Number(o.enterprise_id))
        .execute();
      if (i === 0)
        await trx
          .insertInto('monitoring_flags')
          .values({
            enterprise_id: Number(o.enterprise_id),
            wave_id: wave.id,
            kind: 'straight_lining',
            detail: JSON.stringify({ level: 'same', answers: answers.length }),
            state: 'open',
          })
          .execute();
    });
  }
}

async function frameCount(db: Kysely<Database>, regionCode: string, sizeYear: number): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from ${frameSql(regionCode, sizeYear)} f`.execute(db);
  return rows[0]?.n ?? 0;
}
