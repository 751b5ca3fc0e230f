/**
 * Scorecards as dated data (issue 14, measure 4; ADR 0027): officials at national or province level and admins
 * draft a model, check it, compare its grade distribution with the published one's over the registry, and
 * publish it — recording who approved it and from when, retiring the previous one, queueing a full scoring.
 * A draft may be saved with problems (the editor lists them); publishing refuses any, and writes nothing then.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Actor, type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { appendAudit } from '../audit/index.ts';
import { checkScorecard, type ScorecardModel, type ScorecardProblem } from './credit.scorecard.rules.ts';
import {
  findPublishedScorecard,
  findScorecard,
  insertScorecard,
  listScorecards as listRows,
  publishDraft,
  type ScorecardRow,
  updateDraft as updateRow,
} from './credit.scorecards.repository.ts';
import { gradeCounts } from './credit.scores.repository.ts';
import { queueFullScoring } from './credit.scoring.ts';

type Db = Kysely<Database>;

export type { ScorecardRow } from './credit.scorecards.repository.ts';

/** A scorecard with its problems (none: it may be published). */
export interface ScorecardView extends ScorecardRow {
  problems: ScorecardProblem[];
}

/** What a draft holds. */
export interface DraftInput {
  name: string;
  model: ScorecardModel;
  note?: string | null;
}

/**
 * Who may draft, compare and publish: admins, and officials of the whole country or of a province (a region
 * prefix of at most 2 digits; an official's scope is the region subtree of their prefix). Other officials:
 * OUT_OF_SCOPE (their role may, their level may not).
 */
export function assertMayEditScorecards(actor: Actor): void {
  if (actor.role === 'admin') return;
  if (actor.role === 'official' && actor.regionPrefix !== null && actor.regionPrefix.length <= 2) return;
  throw new AppError('OUT_OF_SCOPE', [], {
    zh: '评分卡由国家或省级主管部门（或管理员）起草和发布',
    en: 'Scorecards are drafted and published by national or provincial officials (or admins)',
  });
}

const view = (row: ScorecardRow): ScorecardView => ({ ...row, problems: checkScorecard(row.model) });

/** Every scorecard, newest version first, with its problems. */
export async function listScorecards(db: Db): Promise<ScorecardView[]> {
  return (await listRows(db)).map(view);
}

/** A scorecard; NOT_FOUND when there is none of that id. */
export async function getScorecard(db: Db, id: number): Promise<ScorecardView> {
  const row = await findScorecard(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return view(row);
}

/** Stores a new draft (problems allowed; they are returned) and audits it. */
export async function createDraft(db: Db, input: DraftInput, caller: Caller): Promise<ScorecardView> {
  const actor = requireActor(caller);
  assertMayEditScorecards(actor);
  return db.transaction().execute(async (trx) => {
    const row = await insertScorecard(trx, {
      name: input.name,
      model: input.model,
      note: input.note ?? null,
      createdBy: actor.userId,
    });
    const problems = checkScorecard(row.model);
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'credit.scorecard.drafted',
        targetType: 'credit_scorecard',
        targetId: row.id,
        requestId: caller.requestId,
        summary: { name: row.name, version: row.version, problems: problems.length },
      },
    );
    return { ...row, problems };
  });
}

/** Replaces a draft's content; CONFLICT when it is no longer a draft. */
export async function updateDraft(
  db: Db,
  id: number,
  input: DraftInput,
  caller: Caller,
): Promise<ScorecardView> {
  const actor = requireActor(caller);
  assertMayEditScorecards(actor);
  return db.transaction().execute(async (trx) => {
    const current = await findScorecard(trx, id, true);
    if (!current) throw new AppError('NOT_FOUND');
    if (current.status !== 'draft')
      throw new AppError('CONFLICT', [], {
        zh: '只能修改草稿；已发布或已停用的评分卡不可更改，请另起草稿',
        en: 'Only a draft can be changed; start a new draft from a published or retired scorecard',
      });
    const row = await updateRow(trx, id, { name: input.name, model: input.model, note: input.note ?? null });
    const problems = checkScorecard(row.model);
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'credit.scorecard.draft_saved',
        targetType: 'credit_scorecard',
        targetId: id,
        requestId: caller.requestId,
        summary: { name: row.name, version: row.version, problems: problems.length },
      },
    );
    return { ...row, problems };
  });
}

/** The grade distribution of a scorecard against the published one. */
export interface ScorecardComparison {
  day: string;
  regionPrefix: string | null;
  scorecard: { id: number; version: number };
  published: { id: number; version: number } | null;
  /** Every grade of either model: the compared scorecard's order first. */
  grades: { grade: string; before: number; after: number }[];
  total: number;
}

/**
 * The grades every active enterprise (under `regionPrefix`, within an official's own scope) would get under a
 * scorecard on `day`, beside those under the published one: computed set-based, nothing stored. A scorecard with
 * problems cannot be compared (its bins do not cover every value): VALIDATION_FAILED with the problems.
 */
export async function compareScorecard(
  db: Db,
  id: number,
  day: string,
  regionPrefix: string | null,
  caller: Caller,
): Promise<ScorecardComparison> {
  const actor = requireActor(caller);
  assertMayEditScorecards(actor);
  const prefix = regionPrefix ?? (actor.role === 'official' ? actor.regionPrefix : null) ?? null;
  if (actor.role === 'official' && !(prefix ?? '').startsWith(actor.regionPrefix ?? ''))
    throw new AppError('OUT_OF_SCOPE');
  const row = await findScorecard(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  refuseProblems(checkScorecard(row.model));
  const published = await findPublishedScorecard(db);
  const after = await gradeCounts(db, row.model, day, prefix || null);
  const before = published ? await gradeCounts(db, published.model, day, prefix || null) : new Map();
  const order = [...row.model.grades.map((g) => g.grade)];
  for (const g of published?.model.grades ?? []) if (!order.includes(g.grade)) order.push(g.grade);
  let total = 0;
  for (const n of after.values()) total += n;
  return {
    day,
    regionPrefix: prefix || null,
    scorecard: { id: row.id, version: row.version },
    published: published ? { id: published.id, version: published.version } : null,
    grades: order.map((grade) => ({ grade, before: before.get(grade) ?? 0, after: after.get(grade) ?? 0 })),
    total,
  };
}

function refuseProblems(problems: ScorecardProblem[]): void {
  if (problems.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      problems.map((p) => ({ field: `model.${p.path}`, message: p.message })),
    );
}

/**
 * Publishes a draft from `day`: refused (VALIDATION_FAILED, each problem by its path, nothing written) when the
 * model has problems; otherwise the published one is retired, this one records its approver and date, a full
 * scoring is queued, all in one transaction with its audit entry.
 */
export async function publishScorecard(
  db: Db,
  id: number,
  day: string,
  caller: Caller,
): Promise<ScorecardView> {
  const actor = requireActor(caller);
  assertMayEditScorecards(actor);
  return db.transaction().execute(async (trx) => {
    const current = await findScorecard(trx, id, true);
    if (!current) throw new AppError('NOT_FOUND');
    if (current.status !== 'draft')
      throw new AppError('CONFLICT', [], {
        zh: '只能发布草稿',
        en: 'Only a draft can be published',
      });
    refuseProblems(checkScorecard(current.model));
    const { published, retired } = await publishDraft(trx, id, actor.userId, day);
    await queueFullScoring(trx, caller.requestId);
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'credit.scorecard.published',
        targetType: 'credit_scorecard',
        targetId: id,
        requestId: caller.requestId,
        summary: { name: published.name, version: published.version, publishedFrom: day, retired },
      },
    );
    return { ...published, problems: [] };
  });
}
