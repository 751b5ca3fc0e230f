/**
 * The demo's monitoring (issue 16): the city's monthly SME climate survey (a question for every SMEDI sub-index,
 * the five PMI components, numbers, a choice and a comment), a panel drawn from the city's registry with the demo
 * enterprise in it, six past months answered, computed, reviewed by the province and published (the public page
 * has a series), and this month's wave open: the demo enterprise has the questionnaire in its inbox, and a few
 * members have submitted, one of them flagged for the statistician.
 *
 * The past months are written straight into the module's tables with their dates in the past (a service refuses a
 * deadline that has passed); this month's wave, the panel and the survey go through the services, audited. The
 * data keep to the module's own rules: the panel joined before its first wave, every submitted questionnaire's flags
 * are exactly those the module's checks (qualityFlags) raise on its answers — the past months' answers raise none
 * (headcounts stay near the registry's and last month's, no questionnaire answers every question alike), this
 * month's show a straight-lined questionnaire, a headcount that jumps and a required answer left out.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Caller } from '../../http/auth.ts';
import { enterpriseFactsSql, latestSizeYear } from '../registry/index.ts';
import { storeAnswers, storeFlags } from './monitoring.answers.ts';
import { computeRun } from './monitoring.compute.ts';
import { createResponses, drawPanel, drawTakes, frameSql } from './monitoring.panel.ts';
import { computeRegistryRun } from './monitoring.registry.ts';
import { createRelease, reviewRelease, scheduleRelease } from './monitoring.releases.ts';
import { questionsOf } from './monitoring.repository.ts';
import { previousPeriod, type QuestionDraft, qualityFlags, type StoredAnswer } from './monitoring.rules.ts';
import { createSurvey } from './monitoring.surveys.ts';
import { noticePeriod, openWave } from './monitoring.waves.ts';

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

type Level = -1 | 0 | 1;

/** A member of the demo's panel: its stratum's industry, its registry headcount and its own leaning. */
interface DemoMember {
  enterpriseId: number;
  /** The headcount its answers stay near: the registry's, else one of its own (fixed for the demo). */
  employees: number;
  /** The registry's headcount (what a jump is checked against), when the registry has one. */
  registryEmployees: string | null;
  leaning: number;
}

/** The panel's members with their registry headcount (the registry's latest year) and a leaning each. */
async function demoMembers(
  db: Kysely<Database>,
  surveyId: number,
  random: () => number,
): Promise<DemoMember[]> {
  const year = (await latestSizeYear(db)) ?? 0;
  const { rows } = await sql<{ enterprise_id: number; employees: string | null }>`
    select m.enterprise_id, f.employees::text as employees
    from monitoring_panel_members m
    left join ${enterpriseFactsSql.figures(year)} f on f.enterprise_id = m.enterprise_id
    where m.survey_id = ${surveyId} and m.state = 'active'
    order by m.enterprise_id`.execute(db);
  return rows.map((r) => {
    const own = 5 + Math.floor(random() * 120);
    const registry = r.employees === null ? null : Number(r.employees);
    return {
      enterpriseId: Number(r.enterprise_id),
      employees: registry !== null && registry > 0 ? registry : own,
      registryEmployees: r.employees,
      leaning: (random() - 0.5) * 0.4,
    };
  });
}

/**
 * One member's answers of a month: the three-level answers drawn around a climate that improves month by month
 * (`mood` from −1 to 1), never all alike (that is straight-lining, flagged); the headcount within 10% of its usual
 * (so within 50% of the registry's and of last month's: no jump); the main difficulty.
 */
function monthAnswers(member: DemoMember, mood: number, random: () => number): StoredAnswer[] {
  const answers: StoredAnswer[] = [];
  for (const q of DEMO_QUESTIONS.filter((x) => x.kind === 'three_level')) {
    const bias = mood + member.leaning + (q.direction === 'down_is_good' ? -0.1 : 0);
    const r = random();
    const up = 0.3 + bias * 0.2;
    const down = 0.3 - bias * 0.2;
    const level: Level = r < up ? 1 : r > 1 - down ? -1 : 0;
    answers.push({ questionCode: q.code, level, number: null, choice: null, text: null });
  }
  const levels = answers.map((a) => a.level);
  const last = answers[answers.length - 1] as StoredAnswer;
  if (levels.every((l) => l === levels[0])) last.level = last.level === 0 ? 1 : 0;
  // At most 10% (rounded) from its usual: two months differ by at most 40% of it, under the 50% a jump is flagged at.
  const employees = Math.max(1, member.employees + Math.round(member.employees * (random() - 0.5) * 0.2));
  answers.push({
    questionCode: 'employees',
    level: null,
    number: String(employees),
    choice: null,
    text: null,
  });
  const difficulty = ['demand', 'cost', 'finance', 'payment', 'labour'][Math.floor(random() * 5)] ?? 'demand';
  answers.push({ questionCode: 'difficulty', level: null, number: null, choice: difficulty, text: null });
  return answers;
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
  const questions = await questionsOf(db, survey.id, 1);
  const members = await demoMembers(db, survey.id, random);
  const statisticianId = statistician.actor?.userId ?? null;
  // The panel was drawn, and its members joined, a few days before the first of the six past waves opened.
  const drawnOn = dayIn(monthsBack(today, 6), 15);
  await db
    .updateTable('monitoring_panel_members')
    .set({ joined_on: drawnOn })
    .where('survey_id', '=', survey.id)
    .execute();
  await db
    .updateTable('monitoring_draws')
    .set({ created_at: new Date(`${drawnOn}T02:00:00Z`) })
    .where('survey_id', '=', survey.id)
    .execute();
  for (const table of ['monitoring_surveys', 'monitoring_survey_versions'] as const)
    await db
      .updateTable(table)
      .set({ created_at: new Date(`${dayIn(monthsBack(today, 6), 10)}T02:00:00Z`) })
      .where(table === 'monitoring_surveys' ? 'id' : 'survey_id', '=', survey.id)
      .execute();
  /** Each member's answers of the month before, for the checks against last wave. */
  let lastAnswers = new Map<number, StoredAnswer[]>();
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
        created_by: statisticianId ?? 0,
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
    const answered = new Map<number, StoredAnswer[]>();
    const mood = -0.5 + (6 - back) * 0.15;
    for (const member of members) {
      const answers = monthAnswers(member, mood, random);
      // The module's own checks on the submission: a past month's answers raise none; were one raised, it stands
      // accepted on review, as a closed month's flags are.
      const flags = qualityFlags({
        questions,
        answers,
        previous: lastAnswers.get(member.enterpriseId) ?? [],
        registry: { employees: member.registryEmployees },
        day: dayIn(period, 25),
        closesOn: dayIn(period, 28),
        earlierSubmission: null,
      });
      await storeAnswers(db, waveId, member.enterpriseId, answers);
      await storeFlags(db, waveId, member.enterpriseId, flags, {
        by: statisticianId,
        at: new Date(`${dayIn(period, 27)}T03:00:00Z`),
        note: '已与企业核实（演示）',
      });
      answered.set(member.enterpriseId, answers);
    }
    lastAnswers = answered;
    await db
      .updateTable('monitoring_responses')
      .set({
        state: 'accepted',
        saved_at: new Date(`${dayIn(period, 25)}T02:00:00Z`),
        submitted_at: new Date(`${dayIn(period, 25)}T02:00:00Z`),
        submissions: 1,
        reviewed_by: statisticianId,
        reviewed_at: new Date(`${dayIn(period, 27)}T03:00:00Z`),
      })
      .where('wave_id', '=', waveId)
      .execute();
    const run = await db.transaction().execute((trx) => computeRun(trx, waveId, statisticianId));
    await db
      .updateTable('monitoring_runs')
      .set({ computed_at: new Date(`${dayIn(period, 28)}T12:00:00Z`) })
      .where('id', '=', run.id)
      .execute();
    const named = noticePeriod(period);
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
        commentary_zh: `${named.zh}全市中小企业发展指数发布。样本企业${given.length}家，全部有效回收。`,
        commentary_en: `The city's SME development index for ${named.en}: all ${given.length} panel enterprises answered.`,
        created_by: statisticianId,
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
  const lastMonth = noticePeriod(monthsBack(today, 1));
  const draft = await createRelease(db, statistician, {
    runId: registryRun,
    commentaryZh: `${lastMonth.zh}全市登记企业月度统计：存续企业、新设、退出和新入库企业数。`,
    commentaryEn: `The city's registered enterprises in ${lastMonth.en}: active enterprises, entries, exits and new registrations.`,
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
  // A few other members have submitted, each flagged as the module's checks flag it: one answered every question
  // "same" (straight-lining), one's headcount jumped against last month and the registry, one left the required
  // headcount out; the rest raise nothing.
  const others = members.filter((m) => m.enterpriseId !== input.enterpriseId).slice(0, 8);
  const mood = -0.5 + 6 * 0.15;
  for (const [i, member] of others.entries()) {
    let answers = monthAnswers(member, mood, random);
    if (i === 0) answers = answers.map((a) => (a.level === null ? a : { ...a, level: 0 }));
    if (i === 1)
      answers = answers.map((a) =>
        a.questionCode === 'employees' ? { ...a, number: String(member.employees * 3) } : a,
      );
    if (i === 2) answers = answers.filter((a) => a.questionCode !== 'employees');
    const flags = qualityFlags({
      questions,
      answers,
      previous: lastAnswers.get(member.enterpriseId) ?? [],
      registry: { employees: member.registryEmployees },
      day: today,
      closesOn: wave.closesOn,
      earlierSubmission: null,
    });
    await db.transaction().execute(async (trx) => {
      await storeAnswers(trx, wave.id, member.enterpriseId, answers);
      await storeFlags(trx, wave.id, member.enterpriseId, flags, null);
      await trx
        .updateTable('monitoring_responses')
        .set({ state: 'submitted', saved_at: new Date(), submitted_at: new Date(), submissions: 1 })
        .where('wave_id', '=', wave.id)
        .where('enterprise_id', '=', member.enterpriseId)
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
