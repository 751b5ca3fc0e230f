/**
 * The officials' credit statistics (issue 14) for their region (or one of its parts): consents given and revoked,
 * queries by bank, objections open and answered on time, and the grade distribution of the published scorecard
 * by region × size × industry.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { resolveRegionScope } from '../../http/region-scope.ts';
import { findInstitutionNames } from '../institutions/index.ts';
import { addPeriod, type ConsentStatus } from './credit.rules.ts';
import {
  consentCounts,
  consentMonths,
  gradeCounts,
  objectionCounts,
  publishedScorecard,
  queriesByInstitution,
} from './credit.stats.repository.ts';

const STATUSES: ConsentStatus[] = ['awaiting', 'authorised', 'rejected', 'revoked', 'expired'];

/** The statistics of a period (the last twelve months up to today unless told). */
export async function creditStats(
  db: Kysely<Database>,
  actor: Actor,
  query: { region?: string; from?: string; to?: string },
  today: string,
) {
  if (actor.role !== 'official' && actor.role !== 'admin') throw new AppError('FORBIDDEN');
  const scope = resolveRegionScope(actor, query.region);
  const to = query.to ?? today;
  const from = query.from ?? addPeriod(to, { value: -12, unit: 'months' });
  if (from > to)
    throw AppError.field('from', { zh: '开始日期不能晚于结束日期', en: 'the start cannot be after the end' });
  const scorecard = await publishedScorecard(db);
  const [byStatus, months, queries, objections, grades] = await Promise.all([
    consentCounts(db, scope.prefix, today),
    consentMonths(db, scope.prefix, from, to),
    queriesByInstitution(db, scope.prefix, from, to),
    objectionCounts(db, scope.prefix, from, to, today),
    scorecard
      ? gradeCounts(db, scorecard.id, scope.prefix, Number(today.slice(0, 4)) - 1)
      : Promise.resolve([]),
  ]);
  const names = await findInstitutionNames(
    db,
    queries.map((q) => q.institution_id),
  );
  const counted = new Map(byStatus.map((r) => [r.status, r.count]));
  return {
    regionCode: scope.code,
    from,
    to,
    consents: {
      byStatus: STATUSES.map((status) => ({ status, count: counted.get(status) ?? 0 })),
      given: months.reduce((n, m) => n + m.given, 0),
      revoked: months.reduce((n, m) => n + m.revoked, 0),
      byMonth: months,
    },
    queriesByBank: queries.map((q) => ({
      institutionId: q.institution_id,
      institutionName: names.get(q.institution_id) ?? '',
      reports: q.reports,
      checks: q.checks,
      enterprises: q.enterprises,
    })),
    objections,
    grades,
    scorecard: scorecard ?? null,
  };
}
