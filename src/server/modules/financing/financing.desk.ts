/**
 * The officials' financing desk (issue 15) and the daily run behind it. The desk lists, in the official's region,
 * the demands waiting for a pickup (the escalated ones first) and the banks' answers past a deadline (not contacted
 * by the contact day, or undecided past the decision day). The daily `financing-due` run escalates every demand
 * nobody picked up by its pickup day: it is shown to every bank serving its region (widened), written on its
 * timeline, and the officials over its region are notified; it tells banks, once per deadline missed, of their
 * answers past a deadline (responses and recommended-list decisions); it also reminds debtors of receivables to
 * confirm and reports the ones left unanswered (financing.receivables.ts). The desk lists those too.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Caller, requireActor } from '../../http/auth.ts';
import { resolveRegionScope } from '../../http/region-scope.ts';
import { activeBankUserIds, activeOfficialsOver } from '../accounts/index.ts';
import { findInstitutionNames } from '../institutions/index.ts';
import { JOB_KINDS, type JobHandler, queueDailyJob } from '../jobs/index.ts';
import { notify, notifyUsers } from '../notifications/index.ts';
import { findEnterpriseNames } from '../registry/index.ts';
import { viewDemands } from './financing.demands.ts';
import { BANK_RECOMMENDATIONS_LINK, bankDemandLink, deskLink, myDemandLink } from './financing.links.ts';
import { lateReceivablesIn } from './financing.receivables.repository.ts';
import { receivableView, remindReceivables } from './financing.receivables.ts';
import {
  markRecommendationLateTold,
  recommendationsToTellLate,
} from './financing.recommendations.repository.ts';
import {
  demandsToEscalate,
  findDemand,
  insertEvent,
  lateResponses,
  markResponseLateTold,
  responsesToTellLate,
  updateDemand,
  waitingDemands,
} from './financing.repository.ts';
import { wanAsYuan } from './financing.rules.ts';
import { financingSettingsOn } from './financing.settings.ts';
import { compactStats } from './financing.stats.ts';
import { responseView } from './financing.views.ts';

type Db = Kysely<Database>;

export const FINANCING_DUE_JOB = JOB_KINDS.financingDue;

/** The desk for the official's region (or a region under it). */
export async function desk(
  db: Db,
  caller: Caller,
  query: {
    region?: string;
    list?: 'waiting' | 'escalated' | 'late' | 'unconfirmed';
    page?: number;
    pageSize?: number;
  },
  today: string,
) {
  const actor = requireActor(caller);
  const scope = resolveRegionScope(actor, query.region);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const list = query.list ?? 'escalated';
  const pick = (name: typeof list) => (list === name ? [page, pageSize] : [1, 1]) as [number, number];
  const [waiting, escalated, late, unconfirmed] = await Promise.all([
    // Every list is counted; only the one asked for is read a page of.
    waitingDemands(db, scope.prefix, { escalated: false }, ...pick('waiting')),
    waitingDemands(db, scope.prefix, { escalated: true }, ...pick('escalated')),
    lateResponses(db, scope.prefix, today, ...pick('late')),
    lateReceivablesIn(db, scope.prefix, today, ...pick('unconfirmed')),
  ]);
  const unconfirmedRows = list === 'unconfirmed' ? unconfirmed.rows : [];
  const creditorNames = await findEnterpriseNames(
    db,
    unconfirmedRows.map((r) => r.enterprise_id),
  );
  const demandRows = list === 'waiting' ? waiting.rows : list === 'escalated' ? escalated.rows : [];
  const demands = await viewDemands(db, demandRows, { role: 'official' }, today);
  const lateRows = list === 'late' ? late.rows : [];
  const [institutionNames, enterpriseNames, lateDemands] = await Promise.all([
    findInstitutionNames(
      db,
      lateRows.map((r) => r.institution_id),
    ),
    findEnterpriseNames(
      db,
      lateRows.map((r) => r.enterprise_id),
    ),
    Promise.all(lateRows.map((r) => findDemand(db, r.enterprise_id, r.demand_id))),
  ]);
  return {
    counts: {
      waiting: waiting.total,
      escalated: escalated.total,
      late: late.total,
      unconfirmed: unconfirmed.total,
    },
    demands: {
      items: demands,
      total: list === 'waiting' ? waiting.total : list === 'escalated' ? escalated.total : 0,
      page,
      pageSize,
    },
    late: {
      items: lateRows.flatMap((r, i) => {
        const demand = lateDemands[i];
        if (!demand) return [];
        return [
          {
            response: responseView(
              r,
              institutionNames.get(r.institution_id) ?? '',
              today,
              { role: 'official' },
              demand,
            ),
            enterpriseId: r.enterprise_id,
            enterpriseName: enterpriseNames.get(r.enterprise_id) ?? '',
            regionCode: r.region_code,
            amount: demand.amount,
          },
        ];
      }),
      total: list === 'late' ? late.total : 0,
      page,
      pageSize,
    },
    unconfirmed: {
      items: unconfirmedRows.map((r) => ({
        ...receivableView(r, today, 'official'),
        creditorName: creditorNames.get(r.enterprise_id) ?? '',
      })),
      total: list === 'unconfirmed' ? unconfirmed.total : 0,
      page,
      pageSize,
    },
  };
}

const BATCH = 500;

/**
 * Escalates the demands nobody picked up by their pickup day (before `today`): widened, written on the timeline,
 * the enterprise and the officials over its region told. Each in its own short transaction, the row re-read under
 * its lock so a pickup that came first wins.
 */
export async function escalateDue(db: Db, today: string): Promise<{ escalated: number }> {
  let escalated = 0;
  for (;;) {
    const due = await demandsToEscalate(db, today, BATCH);
    if (due.length === 0) break;
    for (const candidate of due) {
      const done = await db.transaction().execute(async (trx) => {
        const demand = await findDemand(trx, candidate.enterprise_id, candidate.id, true);
        if (demand?.state !== 'open' || demand.escalated_at !== null || demand.pickup_due >= today)
          return false;
        const settings = await financingSettingsOn(trx, demand.region_code, today);
        await updateDemand(trx, demand.enterprise_id, demand.id, { escalated_at: new Date(), widened: true });
        await insertEvent(trx, {
          enterprise_id: demand.enterprise_id,
          demand_id: demand.id,
          kind: 'escalated',
          actor_role: 'system',
          actor_id: null,
          detail: { days: settings.pickupWorkingDays, pickupDue: demand.pickup_due },
        });
        await notify(trx, [
          {
            enterpriseId: demand.enterprise_id,
            kind: 'financing',
            link: myDemandLink(demand.id),
            title: {
              zh: '您的融资需求暂无机构受理，已提交主管部门并推送给更多金融机构',
              en: 'No bank has picked up your demand yet: it is raised with the bureau and shown to more banks',
            },
          },
        ]);
        const officials = await activeOfficialsOver(trx, demand.region_code);
        await notifyUsers(
          trx,
          officials.map((userId) => ({
            userId,
            kind: 'financing' as const,
            link: deskLink('escalated'),
            title: {
              zh: `融资需求 #${demand.id}（${demand.amount}万元）${settings.pickupWorkingDays}个工作日无机构受理`,
              en: `Financing demand #${demand.id} (${wanAsYuan(demand.amount)} yuan): no bank in ${settings.pickupWorkingDays} working days`,
            },
          })),
        );
        return true;
      });
      if (done) escalated += 1;
    }
    if (due.length < BATCH) break;
  }
  return { escalated };
}

/**
 * Tells each bank, once per deadline missed, of its answers past a deadline: a response not contacted by its contact
 * day or undecided past its decision day, a recommended-list enterprise undecided past its decision day.
 */
export async function tellBanksLate(
  db: Db,
  today: string,
): Promise<{ responses: number; recommendations: number }> {
  let responses = 0;
  let recommendations = 0;
  for (;;) {
    const due = await responsesToTellLate(db, today, BATCH);
    for (const row of due) {
      await db.transaction().execute(async (trx) => {
        const staff = await activeBankUserIds(trx, [row.institution_id]);
        const what =
          row.missed === 'contact'
            ? { zh: `未在${row.due}前首次联系企业`, en: `no first contact by ${row.due}` }
            : { zh: `未在${row.due}前作出授信决定`, en: `no decision by ${row.due}` };
        await notifyUsers(
          trx,
          staff.map((userId) => ({
            userId,
            kind: 'financing' as const,
            link: bankDemandLink(row.enterprise_id, row.demand_id),
            title: {
              zh: `融资需求 #${row.demand_id} 已逾期：${what.zh}，请尽快办理`,
              en: `Financing demand #${row.demand_id} is late: ${what.en}; please answer`,
            },
          })),
        );
        await markResponseLateTold(trx, row.enterprise_id, row.id, today);
      });
      responses += 1;
    }
    if (due.length < BATCH) break;
  }
  for (;;) {
    const due = await recommendationsToTellLate(db, today, BATCH);
    for (const row of due) {
      await db.transaction().execute(async (trx) => {
        const staff = row.institution_id === null ? [] : await activeBankUserIds(trx, [row.institution_id]);
        await notifyUsers(
          trx,
          staff.map((userId) => ({
            userId,
            kind: 'financing' as const,
            link: BANK_RECOMMENDATIONS_LINK,
            title: {
              zh: `推荐企业「${row.enterprise_name}」已过决定期限（${row.decide_due}），请尽快${row.state === 'pushed' ? '对接并' : ''}作出决定`,
              en: `Recommended enterprise ${row.enterprise_name}: the decision was due ${row.decide_due}; please ${row.state === 'pushed' ? 'contact it and ' : ''}decide`,
            },
          })),
        );
        await markRecommendationLateTold(trx, row.enterprise_id, row.id, today);
      });
      recommendations += 1;
    }
    if (due.length < BATCH) break;
  }
  return { responses, recommendations };
}

/** Queues today's run (once per day, whichever instance asks first). */
export async function queueDailyFinancing(db: Db, day: string): Promise<void> {
  await queueDailyJob(db, FINANCING_DUE_JOB, day);
}

export function financingDueHandler(today: () => string): JobHandler {
  return async (db) => {
    const day = today();
    await escalateDue(db, day);
    await tellBanksLate(db, day);
    await remindReceivables(db, day);
    await compactStats(db);
  };
}
