/**
 * The daily cultivation run (issue 18; docs/reference/cultivation.md §6.1, §9): a recognition is valid for 3 years and
 * reviewed again before it expires, so each enterprise whose recognition ends within REMIND_DAYS is told once, with
 * the day it ends and what to do; then the recognitions are kept (cultivation.changes.ts keepRecognitions: material
 * changes found and flagged when not reported in time, expired certifications ended, the annual data update
 * reminded). Runs once a day (the job queue keeps it to one run); a day missed is made up, as each reminder and
 * flag is kept per application, not per day; each part is one transaction, so a run stopped part-way is taken
 * again whole by the next.
 */
import { type Kysely, sql } from 'kysely';
import { addDays } from '../../../reference/calendar.ts';
import type { Database } from '../../db/schema.ts';
import { JOB_KINDS, type JobHandler, queueDailyJob } from '../jobs/index.ts';
import { notify } from '../notifications/index.ts';
import { type KeepingRun, keepRecognitions } from './cultivation.changes.ts';
import { CULTIVATION_TIERS } from './cultivation.standards.ts';

/** How long before a recognition ends its enterprise is reminded (Huiqi's; §8.3). */
export const REMIND_DAYS = 90;

export const CULTIVATION_DUE_JOB = JOB_KINDS.cultivationDue;

/**
 * Reminds the enterprises whose recognition ends within REMIND_DAYS of today (each once), then keeps the
 * recognitions; how many of each.
 */
export async function cultivationDue(
  db: Kysely<Database>,
  today: string,
  signal?: AbortSignal,
): Promise<{ reminded: number } & KeepingRun> {
  const reminded = await remindExpiry(db, today);
  signal?.throwIfAborted();
  return { ...reminded, ...(await keepRecognitions(db, today, signal)) };
}

async function remindExpiry(db: Kysely<Database>, today: string): Promise<{ reminded: number }> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ enterprise_id: number; id: number; tier: string; valid_to: string }>`
      update cultivation_applications set reminded_on = ${today}::date
      where stage = 'recognised' and reminded_on is null
        and valid_to between ${today}::date and ${addDays(today, REMIND_DAYS)}::date
      returning enterprise_id, id, tier, to_char(valid_to, 'YYYY-MM-DD') as valid_to`.execute(trx);
    for (let i = 0; i < rows.length; i += 1000)
      await notify(
        trx,
        rows.slice(i, i + 1000).map((r) => {
          const tier = CULTIVATION_TIERS.find((t) => t.code === r.tier) ?? CULTIVATION_TIERS[0];
          return {
            enterpriseId: Number(r.enterprise_id),
            kind: 'cultivation' as const,
            link: `/app/my/cultivation?application=${r.id}`,
            title: {
              zh: `提醒：本企业的“${tier.recognition}”认定将于 ${r.valid_to} 到期，请在到期前更新数据并申请复核`,
              en: `Reminder: your ${tier.en} recognition ends on ${r.valid_to}; update your data and apply for its review before then`,
            },
          };
        }),
      );
    return { reminded: rows.length };
  });
}

/** Queues the day's `cultivation-due` run (once, whichever instance asks first). */
export async function queueDailyCultivation(db: Kysely<Database>, day: string): Promise<void> {
  await queueDailyJob(db, CULTIVATION_DUE_JOB, day);
}

export function cultivationDueHandler(today: () => string): JobHandler {
  return async (db) => {
    await cultivationDue(db, today());
  };
}
