/** The SQL of `credit_scorecards`: models as dated data (drafts, the one published, retired ones). */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ScorecardModel } from './credit.scorecard.rules.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A scorecard as stored. */
export interface ScorecardRow {
  id: number;
  name: string;
  version: number;
  model: ScorecardModel;
  status: 'draft' | 'published' | 'retired';
  note: string | null;
  createdBy: number | null;
  createdAt: string;
  approvedBy: number | null;
  approvedAt: string | null;
  publishedFrom: string | null;
}

const COLUMNS = [
  'id',
  'name',
  'version',
  'model',
  'status',
  'note',
  'created_by',
  'created_at',
  'approved_by',
  'approved_at',
  'published_from',
] as const;

type Raw = {
  id: number;
  name: string;
  version: number;
  model: unknown;
  status: 'draft' | 'published' | 'retired';
  note: string | null;
  created_by: number | null;
  created_at: Date;
  approved_by: number | null;
  approved_at: Date | null;
  published_from: string | null;
};

function toRow(raw: Raw): ScorecardRow {
  return {
    id: raw.id,
    name: raw.name,
    version: raw.version,
    model: (typeof raw.model === 'string' ? JSON.parse(raw.model) : raw.model) as ScorecardModel,
    status: raw.status,
    note: raw.note,
    createdBy: raw.created_by,
    createdAt: new Date(raw.created_at).toISOString(),
    approvedBy: raw.approved_by,
    approvedAt: raw.approved_at ? new Date(raw.approved_at).toISOString() : null,
    publishedFrom: raw.published_from,
  };
}

/** Every scorecard, newest version first. */
export async function listScorecards(db: Db): Promise<ScorecardRow[]> {
  const rows = await db.selectFrom('credit_scorecards').select(COLUMNS).orderBy('version', 'desc').execute();
  return rows.map(toRow);
}

/** A scorecard by id, or undefined. */
export async function findScorecard(
  db: Db,
  id: number,
  forUpdate = false,
): Promise<ScorecardRow | undefined> {
  let query = db.selectFrom('credit_scorecards').select(COLUMNS).where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toRow(row) : undefined;
}

/** The published scorecard, or undefined. */
export async function findPublishedScorecard(db: Db): Promise<ScorecardRow | undefined> {
  const row = await db
    .selectFrom('credit_scorecards')
    .select(COLUMNS)
    .where('status', '=', 'published')
    .executeTakeFirst();
  return row ? toRow(row) : undefined;
}

/**
 * Serialises the writers of scorecards until the transaction ends (a transaction-level advisory lock): two drafts
 * get two versions, and two instances starting on an empty table store the example scorecard once.
 */
export async function lockScorecards(db: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('credit_scorecards:version'))`.execute(db);
}

/** Stores a new draft with the next version number (under `lockScorecards`). */
export async function insertScorecard(
  db: Transaction<Database>,
  draft: {
    name: string;
    model: unknown;
    note: string | null;
    createdBy: number | null;
    status?: 'draft' | 'published';
    publishedFrom?: string | null;
  },
): Promise<ScorecardRow> {
  await lockScorecards(db);
  const next = await db
    .selectFrom('credit_scorecards')
    .select(sql<number>`coalesce(max(version), 0) + 1`.as('v'))
    .executeTakeFirstOrThrow();
  const row = await db
    .insertInto('credit_scorecards')
    .values({
      name: draft.name,
      version: Number(next.v),
      model: JSON.stringify(draft.model),
      status: draft.status ?? 'draft',
      note: draft.note,
      created_by: draft.createdBy,
      published_from: draft.publishedFrom ?? null,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toRow(row);
}

/** Replaces a draft's name, model and note. */
export async function updateDraft(
  db: Transaction<Database>,
  id: number,
  draft: { name: string; model: unknown; note: string | null },
): Promise<ScorecardRow> {
  const row = await db
    .updateTable('credit_scorecards')
    .set({ name: draft.name, model: JSON.stringify(draft.model), note: draft.note })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toRow(row);
}

/** Retires the published scorecard (if any) and publishes this draft, approved by `userId` from `day`. */
export async function publishDraft(
  db: Transaction<Database>,
  id: number,
  userId: number,
  day: string,
): Promise<{ published: ScorecardRow; retired: number | null }> {
  const retired = await db
    .updateTable('credit_scorecards')
    .set({ status: 'retired' })
    .where('status', '=', 'published')
    .returning('id')
    .executeTakeFirst();
  const row = await db
    .updateTable('credit_scorecards')
    .set({ status: 'published', approved_by: userId, approved_at: new Date(), published_from: day })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return { published: toRow(row), retired: retired?.id ?? null };
}

/** Whether any scorecard exists (the example model is stored on first start only). */
export async function hasScorecards(db: Db): Promise<boolean> {
  const row = await db.selectFrom('credit_scorecards').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}
