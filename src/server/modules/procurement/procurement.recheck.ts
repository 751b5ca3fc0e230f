/**
 * Checking a region's declarations again (issue 17): a 声明函 is checked when its award is recorded, against the
 * registry's figures as they were; the year's figures often reach the registry later. A supervising official
 * queues a recheck of the region's declarations of a year: a background job reads them in batches with their
 * suppliers' registry figures of the declared year, checks each with the size standard, and writes back those whose
 * result changed. Each batch commits on its own and the check is idempotent, so a job cut off is simply run again.
 *
 * A body whose awards the recheck newly flags (a mismatch its declarations did not have) is told once per run: its
 * buyers get one notice naming how many of the body's awards of the year were newly flagged, written with the batch
 * in which the body's declarations end (rows come in body order, so only a batch's last body can go on into the next).
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Static } from 'typebox';
import type { RecheckBody, RecheckListQuery } from '../../../shared/api/procurement.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, assertInRegion, type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { activeAccountIdsByOrganization } from '../accounts/index.ts';
import { listAudit } from '../audit/index.ts';
import { enqueueJobs, findJobStatus, JOB_KINDS, type JobHandler, queuedJobId } from '../jobs/index.ts';
import { notifyUsers } from '../notifications/index.ts';
import { enterpriseFactsSql } from '../registry/index.ts';
import { audit } from './procurement.audit.ts';
import { regionPrefixOf } from './procurement.bodies.ts';
import { checkDeclaration, type DeclarationCheck } from './procurement.declarations.rules.ts';

/** Declarations read and checked per batch (one transaction each). */
export const RECHECK_BATCH = 20_000;

export interface RecheckScope {
  /** The region prefix of the bodies ('' national). */
  prefix: string;
  /** The award year. */
  year: number;
}

/** A body's part of a run: its declarations newly flagged and cleared, and the awards newly flagged (the first few). */
export interface RecheckBodyCounts {
  bodyId: number;
  newlyFlagged: number;
  cleared: number;
  awards: number[];
}

export interface RecheckProgress {
  checked: number;
  changed: number;
  /** Declarations flagged after the check (a mismatch, whether new or not). */
  flagged: number;
  /** Declarations the check flagged with a mismatch they did not have. */
  newlyFlagged?: number;
  /** Declarations that lost a mismatch they had (another may stay). */
  cleared?: number;
  /** By body, those with any declaration newly flagged or cleared (the first RECHECK_BODIES_KEPT). */
  bodies?: RecheckBodyCounts[];
}

/** Bodies a run's result lists, and newly flagged awards it names per body (the counts stay whole). */
export const RECHECK_BODIES_KEPT = 500;
export const RECHECK_AWARDS_KEPT = 20;

interface Row {
  body_id: number;
  id: number;
  award_id: number;
  enterprise_id: number | null;
  tender_industry_code: string;
  declared_industry_code: string | null;
  signed_on: string;
  figures_year: number | null;
  employees: number | null;
  operating_revenue: string | null;
  total_assets: string | null;
  declared_size: 'medium' | 'small' | 'micro';
  standard_size: string | null;
  registry_size: string | null;
  flags: string[];
}

const num = (v: string | null) => (v === null ? null : Number(v));

/** The registry figures of these enterprises for one year, by enterprise. */
async function figuresOf(db: Kysely<Database>, year: number, ids: number[]) {
  const { rows } = await sql<{
    enterprise_id: number;
    employees: number | null;
    operating_revenue: string | null;
    total_assets: string | null;
  }>`select enterprise_id, employees, operating_revenue::text, total_assets::text
    from ${enterpriseFactsSql.figures(year, (id) => sql<boolean>`${id} = any(${ids}::bigint[])`)} f`.execute(
    db,
  );
  return new Map(
    rows.map((r) => [
      Number(r.enterprise_id),
      {
        employees: r.employees,
        operatingRevenue: num(r.operating_revenue),
        totalAssets: num(r.total_assets),
      },
    ]),
  );
}

/** What the check of one stored declaration gives now. */
export function recheckOne(
  row: Row,
  figures: ReturnType<typeof figuresOf> extends Promise<infer M> ? M : never,
): DeclarationCheck {
  return checkDeclaration(
    {
      signedOn: row.signed_on,
      tenderIndustryCode: row.tender_industry_code,
      declaredIndustryCode: row.declared_industry_code,
      figuresYear: row.figures_year,
      employees: row.employees,
      operatingRevenue: num(row.operating_revenue),
      totalAssets: num(row.total_assets),
      declaredSize: row.declared_size,
    },
    {
      figures: row.enterprise_id === null ? null : (figures.get(Number(row.enterprise_id)) ?? null),
      largeRelated: null,
    },
  );
}

/** Whether a check finds a mismatch the declaration's stored flags did not have (a note alone is none). */
export function isNewlyFlagged(before: readonly string[], after: readonly string[]): boolean {
  return after.some((code) => code !== 'figures_blank' && !before.includes(code));
}

/**
 * Whether a check clears a mismatch the declaration's stored flags had (a note alone is none): one flag gone counts,
 * even when another stays or a new one comes (then the declaration is newly flagged too).
 */
export function isCleared(before: readonly string[], after: readonly string[]): boolean {
  return before.some((code) => code !== 'figures_blank' && !after.includes(code));
}

/** A body's awards of the year that a run newly flagged. */
interface Flagged {
  bodyId: number;
  awards: Set<number>;
}

/** Tells the buyers of each body that the recheck newly flagged some of its awards of the year (one notice each). */
async function tellBuyers(trx: Transaction<Database>, year: number, flagged: readonly Flagged[]) {
  if (flagged.length === 0) return;
  const bodies = await trx
    .selectFrom('procurement_bodies')
    .select(['id', 'uscc', 'name'])
    .where(sql<boolean>`id = any(${flagged.map((f) => f.bodyId)}::bigint[])`)
    .execute();
  const buyers = await activeAccountIdsByOrganization(
    trx,
    'buyer',
    bodies.map((b) => b.uscc),
  );
  const link = `/app/procurement/awards?year=${year}&flagged=true`;
  await notifyUsers(
    trx,
    bodies.flatMap((body) => {
      const n = flagged.find((f) => f.bodyId === Number(body.id))?.awards.size ?? 0;
      return (buyers.get(body.uscc) ?? []).map((userId) => ({
        userId,
        kind: 'procurement' as const,
        link,
        title: {
          zh: `声明函复核：${body.name} ${year} 年有 ${n} 项成交结果的声明函被新标记，请核实`,
          en: `Declaration recheck: ${n} of ${body.name}'s ${year} award${n === 1 ? '' : 's'} newly flagged; please check the declarations`,
        },
      }));
    }),
  );
}

/** Writes back the results that changed (one statement) and the notices of the bodies done, in one transaction. */
async function writeResults(
  db: Kysely<Database>,
  changed: { row: Row; check: DeclarationCheck }[],
  year: number,
  flagged: readonly Flagged[],
) {
  if (changed.length === 0 && flagged.length === 0) return;
  await db.transaction().execute(async (trx) => {
    if (changed.length > 0) await updateDeclarations(trx, changed);
    await tellBuyers(trx, year, flagged);
  });
}

/**
 * The one statement writing back the changed results. The batch's body range is stated besides the rows' keys: the
 * planner cannot tell how few rows an unnest joins, and without the range it hashed the whole table for each batch
 * (1.3 s a batch of 20,000 over 1,000,000 declarations; 0.2 s with it).
 */
async function updateDeclarations(
  trx: Transaction<Database>,
  changed: { row: Row; check: DeclarationCheck }[],
) {
  let lowest = Number.POSITIVE_INFINITY;
  let highest = Number.NEGATIVE_INFINITY;
  for (const { row } of changed) {
    lowest = Math.min(lowest, Number(row.body_id));
    highest = Math.max(highest, Number(row.body_id));
  }
  await sql`
      update procurement_declarations d set standard_size = c.standard_size, registry_size = c.registry_size,
        flags = string_to_array(c.flags, ','), findings = c.findings::jsonb, checked_at = now()
      from unnest(${changed.map((c) => c.row.body_id)}::bigint[], ${changed.map((c) => c.row.id)}::bigint[],
          ${changed.map((c) => c.check.standardSize)}::text[], ${changed.map((c) => c.check.registrySize)}::text[],
          ${changed.map((c) => c.check.findings.map((f) => f.code).join(','))}::text[],
          ${changed.map((c) => JSON.stringify(c.check.findings))}::text[])
        as c(body_id, id, standard_size, registry_size, flags, findings)
      where d.body_id = c.body_id and d.id = c.id and d.body_id between ${lowest} and ${highest}`.execute(
    trx,
  );
}

/**
 * Rechecks the declarations of a region's awards of a year, batch by batch in (body, id) order, writing back each
 * whose sizes or flags changed. `progress` hears the running counts after each batch.
 */
export async function recheckDeclarations(
  db: Kysely<Database>,
  scope: RecheckScope,
  progress: (p: RecheckProgress) => Promise<void> = async () => {},
  signal?: AbortSignal,
  batch = RECHECK_BATCH,
): Promise<RecheckProgress> {
  const done: RecheckProgress = {
    checked: 0,
    changed: 0,
    flagged: 0,
    newlyFlagged: 0,
    cleared: 0,
    bodies: [],
  };
  const byBody = new Map<number, RecheckBodyCounts>();
  const countFor = (bodyId: number) => {
    let entry = byBody.get(bodyId);
    if (!entry) {
      entry = { bodyId, newlyFlagged: 0, cleared: 0, awards: [] };
      byBody.set(bodyId, entry);
    }
    return entry;
  };
  const snapshot = (): RecheckProgress => ({
    ...done,
    bodies: [...byBody.values()].slice(0, RECHECK_BODIES_KEPT).map((b) => ({ ...b, awards: [...b.awards] })),
  });
  let after = { body: 0, id: 0 };
  let writing: Promise<unknown> = Promise.resolve();
  // The last body of a batch may go on into the next: its newly flagged awards wait for it.
  let carried: Flagged | null = null;
  // The region's bodies (a reference table: small); a national recheck reads every body's. Both scans start at the
  // batch's first body, so each batch reads its own rows and not all those before it.
  const national = scope.prefix === '';
  const bodies = national
    ? []
    : (
        await db
          .selectFrom('procurement_bodies')
          .select('id')
          .where('region_code', 'like', `${scope.prefix}%`)
          .execute()
      ).map((b) => Number(b.id));
  if (!national && bodies.length === 0) return snapshot();
  for (;;) {
    if (signal?.aborted) {
      // Cut off: the batch being written is let finish (it is whole or not at all), nothing more is read.
      await writing;
      signal.throwIfAborted();
    }
    const { rows } = await sql<Row>`
      select d.body_id, d.id, d.award_id, a.enterprise_id, d.tender_industry_code, d.declared_industry_code,
        to_char(d.signed_on, 'YYYY-MM-DD') as signed_on, d.figures_year, d.employees,
        d.operating_revenue::text, d.total_assets::text, d.declared_size, d.standard_size, d.registry_size, d.flags
      from procurement_declarations d
      join procurement_awards a on a.body_id = d.body_id and a.id = d.award_id
      where a.year = ${scope.year} and (${national} or d.body_id = any(${bodies}::bigint[]))
        and (d.body_id, d.id) > (${after.body}, ${after.id})
        and d.body_id >= ${after.body} and a.body_id >= ${after.body}
      order by d.body_id, d.id
      limit ${batch}`.execute(db);
    if (rows.length === 0) {
      if (carried) {
        const last = carried;
        await writing;
        writing = writeResults(db, [], scope.year, [last]);
      }
      break;
    }
    const last = rows[rows.length - 1] as Row;
    after = { body: Number(last.body_id), id: Number(last.id) };
    // The registry's figures of each declared year, for the batch's suppliers.
    const byYear = new Map<number, number[]>();
    for (const r of rows) {
      if (r.enterprise_id === null) continue;
      const year = r.figures_year ?? Number(r.signed_on.slice(0, 4)) - 1;
      const ids = byYear.get(year) ?? [];
      ids.push(Number(r.enterprise_id));
      byYear.set(year, ids);
    }
    const figures = new Map<number, Awaited<ReturnType<typeof figuresOf>>>();
    for (const [year, ids] of byYear) figures.set(year, await figuresOf(db, year, ids));
    const changed: { row: Row; check: DeclarationCheck }[] = [];
    const flagged = new Map<number, Flagged>();
    if (carried) flagged.set(carried.bodyId, carried);
    for (const r of rows) {
      const year = r.figures_year ?? Number(r.signed_on.slice(0, 4)) - 1;
      const check = recheckOne(r, figures.get(year) ?? new Map());
      const flags = check.findings.map((f) => f.code);
      if (flags.some((f) => f !== 'figures_blank')) done.flagged += 1;
      if (
        check.standardSize !== r.standard_size ||
        check.registrySize !== r.registry_size ||
        flags.join(',') !== r.flags.join(',')
      ) {
        changed.push({ row: r, check });
        if (isCleared(r.flags, flags)) {
          done.cleared = (done.cleared ?? 0) + 1;
          countFor(Number(r.body_id)).cleared += 1;
        }
        if (isNewlyFlagged(r.flags, flags)) {
          const bodyId = Number(r.body_id);
          done.newlyFlagged = (done.newlyFlagged ?? 0) + 1;
          const counts = countFor(bodyId);
          counts.newlyFlagged += 1;
          const awardId = Number(r.award_id);
          if (counts.awards.length < RECHECK_AWARDS_KEPT && !counts.awards.includes(awardId))
            counts.awards.push(awardId);
          const entry = flagged.get(bodyId) ?? { bodyId, awards: new Set<number>() };
          entry.awards.add(Number(r.award_id));
          flagged.set(bodyId, entry);
        }
      }
    }
    // Every body of the batch is done but its last, unless this batch is the last one.
    const more = rows.length === batch;
    carried = more ? (flagged.get(Number(last.body_id)) ?? null) : null;
    if (carried) flagged.delete(carried.bodyId);
    // The batch's results are written while the next batch is read and checked (another connection); one write
    // in flight at a time, so a failed write stops the run before it goes further.
    await writing;
    writing = writeResults(db, changed, scope.year, [...flagged.values()]);
    // Awaited before the next write or the end; until then its failure is held, not reported as unhandled.
    writing.catch(() => {});
    done.checked += rows.length;
    done.changed += changed.length;
    await progress(snapshot());
    if (rows.length < batch) break;
  }
  await writing;
  return snapshot();
}

/** Queues a recheck of the actor's region (or one under it) for a year (audited); the job's state. */
export async function queueRecheck(db: Kysely<Database>, caller: Caller, body: Static<typeof RecheckBody>) {
  const actor = requireActor(caller);
  const regionCode = body.regionCode ?? actor.regionCode ?? '';
  if (regionCode === '' && actor.role !== 'admin') throw new AppError('OUT_OF_SCOPE');
  if (regionCode !== '') assertInRegion(actor, regionCode);
  const prefix = regionCode === '' ? '' : regionPrefixOf(regionCode);
  const dedupeKey = `procurement-recheck:${prefix}:${body.year}`;
  const id = await db.transaction().execute(async (trx) => {
    const [queued] = await enqueueJobs(trx, [
      {
        kind: JOB_KINDS.procurementRecheck,
        payload: { prefix, year: body.year, regionCode, requestedBy: actor.userId },
        dedupeKey,
        requestId: caller.requestId,
      },
    ]);
    // A recheck of the same region and year already queued: that one answers (and was audited when queued).
    if (queued === undefined) return queuedJobId(trx, dedupeKey);
    await audit(
      trx,
      caller,
      actor,
      'declarations_rechecked',
      { type: 'procurement_recheck', id: Number(queued) },
      { year: body.year, regionCode },
    );
    return Number(queued);
  });
  if (id === undefined) throw new AppError('CONFLICT');
  return recheckStatus(db, caller, id);
}

type Job = NonNullable<Awaited<ReturnType<typeof findJobStatus>>>;

/** Whether the actor may see a run of this region ('' the nation: admins only). */
function mayRead(actor: Actor, regionCode: string): boolean {
  if (regionCode === '') return actor.role === 'admin';
  try {
    assertInRegion(actor, regionCode);
    return true;
  } catch {
    return false;
  }
}

/** A run as the API gives it, its bodies named. */
async function recheckView(db: Kysely<Database>, job: Job, startedBy: string | null) {
  const payload = job.payload as { prefix: string; year: number; regionCode: string; requestedBy?: number };
  const counts = (job.result ?? job.progress ?? null) as RecheckProgress | null;
  const bodies = counts?.bodies ?? [];
  const names =
    bodies.length === 0
      ? new Map<number, string>()
      : new Map(
          (
            await db
              .selectFrom('procurement_bodies')
              .select(['id', 'name'])
              .where(sql<boolean>`id = any(${bodies.map((b) => b.bodyId)}::bigint[])`)
              .execute()
          ).map((b) => [Number(b.id), b.name]),
        );
  return {
    id: Number(job.id),
    year: payload.year,
    regionCode: payload.regionCode,
    status: job.status as 'queued' | 'running' | 'succeeded' | 'failed',
    checked: counts?.checked ?? 0,
    changed: counts?.changed ?? 0,
    flagged: counts?.flagged ?? 0,
    newlyFlagged: counts?.newlyFlagged ?? 0,
    cleared: counts?.cleared ?? 0,
    bodies: bodies.map((b) => ({
      bodyId: b.bodyId,
      bodyName: names.get(b.bodyId) ?? `#${b.bodyId}`,
      newlyFlagged: b.newlyFlagged,
      cleared: b.cleared,
      awards: b.awards,
    })),
    error: job.error_message,
    startedBy,
    createdAt: job.created_at,
    finishedAt: job.finished_at,
  };
}

/** A recheck job's state, for an official whose region covers it. */
export async function recheckStatus(db: Kysely<Database>, caller: Caller, id: number) {
  const actor = requireActor(caller);
  const job = await findJobStatus(db, id);
  if (!job || job.kind !== JOB_KINDS.procurementRecheck) throw new AppError('NOT_FOUND');
  const payload = job.payload as { regionCode: string };
  if (payload.regionCode === '') {
    if (actor.role !== 'admin') throw new AppError('NOT_FOUND');
  } else assertInRegion(actor, payload.regionCode);
  // Who queued it: the audit entry of its queuing.
  const { items } = await listAudit(db, {
    action: 'procurement.declarations_rechecked',
    targetType: 'procurement_recheck',
    targetId: String(id),
    page: 1,
    pageSize: 1,
  });
  return recheckView(db, job, items[0]?.actorUsername ?? null);
}

/** Runs listed at most (the newest). */
export const RECHECK_RUNS_LISTED = 20;

/**
 * The earlier rechecks the actor may see, newest first: each run is audited when queued (the audit log is where
 * runs are listed; the job holds its state), those of the actor's region and below, of one year when asked.
 */
export async function listRechecks(
  db: Kysely<Database>,
  caller: Caller,
  query: Static<typeof RecheckListQuery>,
) {
  const actor = requireActor(caller);
  const runs: { id: number; startedBy: string | null }[] = [];
  for (let page = 1; page <= 5 && runs.length < RECHECK_RUNS_LISTED; page++) {
    const { items, total } = await listAudit(db, {
      action: 'procurement.declarations_rechecked',
      targetType: 'procurement_recheck',
      page,
      pageSize: 200,
    });
    for (const entry of items) {
      const summary = entry.summary as { year?: number; regionCode?: string } | null;
      if (!summary || typeof summary.regionCode !== 'string' || !mayRead(actor, summary.regionCode)) continue;
      if (query.year !== undefined && summary.year !== query.year) continue;
      if (query.regionCode !== undefined && !summary.regionCode.startsWith(regionPrefixOf(query.regionCode)))
        continue;
      runs.push({ id: Number(entry.targetId), startedBy: entry.actorUsername });
      if (runs.length >= RECHECK_RUNS_LISTED) break;
    }
    if (page * 200 >= total) break;
  }
  const items = [];
  for (const { id, startedBy } of runs) {
    const job = await findJobStatus(db, id);
    if (job && job.kind === JOB_KINDS.procurementRecheck) items.push(await recheckView(db, job, startedBy));
  }
  return { items };
}

/** The job that rechecks (idempotent: a run cut off is run again from the start). */
export function procurementRecheckHandler(): JobHandler {
  return async (db, job, context) => {
    const payload = job.payload as { prefix: string; year: number };
    return recheckDeclarations(
      db,
      { prefix: payload.prefix, year: payload.year },
      (p) => context.progress(p),
      context.signal,
    );
  };
}
