/**
 * The demo's gradient cultivation (issue 18): the province's settings (专精特新 with two 特色化 indicators), the demo
 * enterprise's own facts (so its page scores each tier; it has not applied, so the user can), and applications of
 * other enterprises of the county along the way — three with the county (one overdue), one returned, two with the
 * province, one on public notice (objections taken today), one recognised (its 专精特新 application next with the
 * county). Transitions are the officials' own actions, so the timelines, counts, notices and audit are as in use;
 * then each application's steps are spread back over the days before (submitted, returned, recommended, approved
 * at office hours days apart, the clocks and the public notices following them), so a timeline reads like one
 * of a real year. The recognition is announced today, as its validity and the registry say.
 */
import { type Kysely, sql } from 'kysely';
import { addDays, addWorkingDays, workingDaysBetween } from '../../../reference/calendar.ts';
import type { Database } from '../../db/schema.ts';
import type { Caller } from '../../http/auth.ts';
import { enterpriseCards } from '../registry/index.ts';
import { actOnApplication, fileApplication } from './cultivation.applications.ts';
import { assessAll, enterpriseFacts } from './cultivation.assess.ts';
import { reportDueOn } from './cultivation.changes.rules.ts';
import type { OwnFacts } from './cultivation.facts.rules.ts';
import { writeOwnFacts } from './cultivation.repository.ts';
import type { TierCode } from './cultivation.table.ts';

export interface CultivationDemoInput {
  county: Caller;
  province: Caller;
  /** The demo enterprise (its user's) and others of the county, the demo enterprise first. */
  enterprises: readonly { id: number }[];
  enterpriseUserId: number;
  provinceCode: string;
  today: string;
}

/** Own facts of a demo enterprise, varied by its place in the list. */
function demoFacts(i: number): OwnFacts {
  return {
    netProfit: 6 + 2 * i,
    nicheYears: 2 + (i % 6),
    ipClassIHighValue: i % 4 === 0 ? 1 : 0,
    ipClassISelfDeveloped: i % 3 === 0 ? 2 : 1,
    ipClassIOther: i % 2,
    ipClassII: 3 + (i % 5),
    ipClassIInUse: 1,
    rdInstitution: i % 3 === 0 ? 'provincial' : 'city',
    digitalLevel: 1 + (i % 3),
    qualityItems: i % 2 === 0 ? ['quality_system_certification', 'own_brand'] : ['own_brand'],
    productField: i % 3 === 0 ? 'gap_or_key_chain' : 'other',
    inStrategicCatalogue: i % 2 === 0,
    nationalAwardRank: 'none',
    provincialAwardRank: i % 5 === 0 ? 3 : 'none',
    makerChinaTop500: false,
    newEquity2y: 0,
    newEquity3y: 0,
    informationSystems: true,
    certifiedManagement: i % 2 === 0,
    nationalMarketShare: 2 + (i % 9),
    keyChainLink: i % 4 === 0,
    priorityField: i % 3 === 0,
    provinceIndicators: { export_share: 5 + 4 * (i % 5), service_hours: 10 * (i % 7) },
  };
}

/** The province's 专精特新 特色化 indicators of the demo (15 points in all). */
const DEMO_INDICATORS = [
  {
    id: 'export_share',
    zh: '出口交货值占营业收入比重',
    en: 'Export delivery value as a share of revenue',
    unit: { zh: '%', en: '%' },
    max: 10,
    bands: [
      { points: 0, lower: null, upper: { value: 5, included: false } },
      { points: 5, lower: { value: 5, included: true }, upper: { value: 20, included: false } },
      { points: 10, lower: { value: 20, included: true }, upper: null },
    ],
  },
  {
    id: 'service_hours',
    zh: '年度接受专精特新服务机构服务时长',
    en: 'Hours of service from SME service bodies in the year',
    unit: { zh: '小时', en: ' hours' },
    max: 5,
    bands: [
      { points: 0, lower: null, upper: { value: 20, included: false } },
      { points: 5, lower: { value: 20, included: true }, upper: null },
    ],
  },
];

export async function seedCultivationDemo(db: Kysely<Database>, input: CultivationDemoInput): Promise<void> {
  const { today } = input;
  const year = Number(today.slice(0, 4));
  const dataYear = year - 1;
  await db
    .insertInto('cultivation_settings')
    .values({
      province_code: input.provinceCode,
      tier: 'specialised',
      year,
      quota: 200,
      notice_days: 5,
      indicators: JSON.stringify([{ standardId: '2022-specialised', indicators: DEMO_INDICATORS }]),
      updated_by: input.province.actor?.userId ?? null,
      updated_at: new Date(),
    })
    .execute();
  const [mine, ...others] = input.enterprises;
  const withFacts = [mine, ...others.slice(0, 9)].filter((e): e is { id: number } => e !== undefined);
  await db.transaction().execute(async (trx) => {
    for (const [i, e] of withFacts.entries())
      await writeOwnFacts(trx, e.id, dataYear, demoFacts(i), 0, input.enterpriseUserId);
  });
  const file = async (enterpriseId: number, tier: TierCode) => {
    const { registry, facts, provinceCode } = await enterpriseFacts(db, enterpriseId, today);
    const assessed = (await assessAll(db, facts, provinceCode, today)).find((t) => t.tier.code === tier);
    if (!assessed?.standard || !assessed.assessment || !registry.regionCode) return null;
    const explained = assessed.assessment.explain();
    return db.transaction().execute((trx) =>
      fileApplication(trx, {
        enterpriseId,
        tier,
        standardId: assessed.standard?.id ?? '',
        year,
        dataYear,
        regionCode: registry.regionCode ?? '',
        score: assessed.standard?.score ? explained.total : null,
        assessment: explained,
        facts,
        by: { userId: input.enterpriseUserId, role: 'enterprise' },
        today,
      }),
    );
  };
  let version = new Map<number, number>();
  const act = async (
    who: Caller,
    row: { enterprise_id: number; id: number },
    action: string,
    comment?: string,
  ) => {
    const done = await actOnApplication(db, who, Number(row.enterprise_id), Number(row.id), {
      action: action as 'return',
      version: version.get(Number(row.id)) ?? 1,
      ...(comment ? { comment } : {}),
    });
    version = new Map(version).set(Number(row.id), done.version);
  };
  const filed = [];
  for (const e of others.slice(0, 9)) {
    const row = await file(e.id, 'innovative');
    if (row) filed.push(row);
  }
  const [a1, a2, a3, returned, p1, p2, onNotice, recognised, a9] = filed;
  // One with the county past its due date.
  if (a3)
    await sql`update cultivation_applications set due_on = ${addDays(today, -2)}::date where id = ${a3.id}`.execute(
      db,
    );
  if (returned) await act(input.county, returned, 'return', '请补充知识产权证书扫描件及研发费用专项审计报告');
  for (const row of [p1, p2, onNotice, recognised]) if (row) await act(input.county, row, 'recommend');
  for (const row of [onNotice, recognised]) if (row) await act(input.province, row, 'approve');
  if (onNotice)
    await sql`update cultivation_applications set notice_from = ${today}::date, notice_to = ${addDays(today, 4)}::date
      where id = ${onNotice.id}`.execute(db);
  if (recognised) {
    await sql`update cultivation_applications set notice_from = ${addDays(today, -7)}::date,
      notice_to = ${addDays(today, -3)}::date where id = ${recognised.id}`.execute(db);
    await act(input.province, recognised, 'announce');
    // The ladder's next step: 专精特新, with the county.
    await file(Number(recognised.enterprise_id), 'specialised');
    // Since its recognition it has reported a new name (a material change), for the province to accept or not.
    const changedOn = addDays(today, -12);
    const card = await enterpriseCards(db)
      .where('id', '=', Number(recognised.enterprise_id))
      .executeTakeFirst();
    const oldName = card?.name ?? null;
    await db
      .insertInto('cultivation_changes')
      .values({
        enterprise_id: Number(recognised.enterprise_id),
        application_id: Number(recognised.id),
        kind: 'rename',
        state: 'reported',
        detected: false,
        changed_on: changedOn,
        due_on: reportDueOn(changedOn, today),
        old_name: oldName,
        new_name: oldName === null ? null : `${oldName.replace(/有限公司$/, '')}科技有限公司`,
        description: '经股东会决议变更企业名称，已完成工商变更登记；经营范围与主营业务不变',
        reported_at: momentOf(today, [2, 10, 30]),
      })
      .execute();
  }
  // One whose notice ended without objection, waiting for the province to announce it.
  if (a9) {
    await act(input.county, a9, 'recommend');
    await act(input.province, a9, 'approve');
    await sql`update cultivation_applications set notice_from = ${addDays(today, -8)}::date,
      notice_to = ${addDays(today, -4)}::date where id = ${a9.id}`.execute(db);
  }
  // Each application's steps, in the order taken, moved back to a day and a time ([days before today, hour,
  // minute], China time); null keeps a step at the moment it was taken (today's).
  const steps: [typeof a1, Step[]][] = [
    [a1, [[5, 9, 12]]],
    [a2, [[2, 14, 40]]],
    [a3, [[23, 10, 5]]],
    [
      returned,
      [
        [10, 9, 48],
        [3, 16, 20],
      ],
    ],
    [
      p1,
      [
        [12, 11, 30],
        [4, 10, 15],
      ],
    ],
    [
      p2,
      [
        [9, 15, 2],
        [2, 9, 41],
      ],
    ],
    [
      onNotice,
      [
        [20, 10, 26],
        [11, 14, 8],
        [1, 17, 35],
      ],
    ],
    [recognised, [[30, 9, 20], [19, 11, 45], [8, 16, 10], null]],
    [
      a9,
      [
        [16, 13, 55],
        [13, 10, 20],
        [9, 15, 40],
      ],
    ],
  ];
  for (const [row, times] of steps) if (row) await spreadSteps(db, row, times, today);
}

/** A step's day and time: days before today, hour and minute in China time. */
type Step = readonly [days: number, hour: number, minute: number] | null;

/** The moment of a step (China time, UTC+8, no daylight saving). */
function momentOf(today: string, [days, hour, minute]: readonly [number, number, number]): Date {
  const pad = (n: number) => String(n).padStart(2, '0');
  return new Date(`${addDays(today, -days)}T${pad(hour)}:${pad(minute)}:00+08:00`);
}

/**
 * Moves an application's recorded steps to the days given, in order, with what follows from them: submitted and
 * updated at its first and last step, returned at its return, the county's or province's clock from the step that
 * started it (15 and 20 working days, Huiqi's defaults; an overdue one keeps its date), a return's working days
 * left as on that day, and a public notice from the day after the approval.
 */
async function spreadSteps(
  db: Kysely<Database>,
  row: { enterprise_id: number; id: number },
  times: readonly Step[],
  today: string,
): Promise<void> {
  const enterpriseId = Number(row.enterprise_id);
  const id = Number(row.id);
  const events = await db
    .selectFrom('cultivation_events')
    .select(['id', 'action', 'at'])
    .where('enterprise_id', '=', enterpriseId)
    .where('application_id', '=', id)
    .orderBy('id')
    .execute();
  const moments = events.map((event, i) => {
    const time = times[i];
    return time ? momentOf(today, time) : new Date(event.at);
  });
  for (const [i, event] of events.entries())
    await db
      .updateTable('cultivation_events')
      .set({ at: moments[i] as Date })
      .where('enterprise_id', '=', enterpriseId)
      .where('id', '=', event.id)
      .execute();
  const application = await db
    .selectFrom('cultivation_applications')
    .select(['stage', 'due_on', 'notice_to'])
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const dayOf = (i: number) => {
    const time = times[i];
    return time ? addDays(today, -time[0]) : today;
  };
  const last = events.length - 1;
  const set: Record<string, unknown> = {
    submitted_at: moments[0] ?? new Date(),
    updated_at: moments[last] ?? new Date(),
  };
  const overdue = application.due_on !== null && application.due_on < today;
  if (application.stage === 'county_review' && !overdue) set.due_on = addWorkingDays(dayOf(0), 15);
  if (application.stage === 'province_review') set.due_on = addWorkingDays(dayOf(last), 20);
  if (application.stage === 'returned') {
    set.returned_at = moments[last];
    set.days_left = Math.max(1, workingDaysBetween(dayOf(last), addWorkingDays(dayOf(0), 15)));
  }
  const approved = events.findIndex((e) => e.action === 'approve');
  if (approved >= 0 && application.stage === 'notice') {
    set.notice_from = addDays(dayOf(approved), 1);
    set.notice_to = addDays(dayOf(approved), 5);
  }
  await db
    .updateTable('cultivation_applications')
    .set(set)
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .execute();
}
