/**
 * The scorecard compiled to SQL (ADR 0027): the 20 features of every enterprise on a day as one subquery
 * (`featureValuesSql`: the registry's figures through its exported fragments, the credit records published that
 * day aggregated in one pass), and a scorecard's points, score, grade and items over it (`scoredSql`). Every join
 * is between tables distributed by enterprise (or reference tables), so on Citus the statement runs as one task
 * per shard. `scoreOf` (credit.scorecard.rules.ts) computes the same for one enterprise; the property test holds
 * the two equal.
 */
import { type RawBuilder, sql } from 'kysely';
import { enterpriseFactsSql } from '../registry/index.ts';
import {
  FEATURE_COMPUTATIONS,
  type FeatureRule,
  type RegistryFigure,
  SPECIALISED_CERTIFICATIONS,
  windowStart,
} from './credit.features.ts';
import {
  type RangeBin,
  SCORECARD_FEATURES,
  type ScorecardModel,
  type ValuesBin,
} from './credit.scorecard.rules.ts';

/** Which enterprises: all, an id range (a lane's slice), or a list. */
export type ScoreScope = { all: true } | { idsFrom: number; idsTo: number } | { enterpriseIds: number[] };

function scopeOn(column: RawBuilder<unknown>, scope: ScoreScope): RawBuilder<unknown> {
  if ('all' in scope) return sql`true`;
  if ('enterpriseIds' in scope) return sql`${column} = any(${scope.enterpriseIds}::bigint[])`;
  return sql`${column} between ${scope.idsFrom} and ${scope.idsTo}`;
}

/** The registry figure's expression over `e` (enterprises), `f1` (last year's figures) and `f2` (the year before). */
function registryExpression(figure: RegistryFigure, day: string): RawBuilder<unknown> {
  switch (figure) {
    case 'age_years':
      return sql`extract(year from age(${day}::date, e.established_on))::numeric`;
    case 'employees':
      return sql`f1.employees::numeric`;
    case 'operating_revenue':
      return sql`f1.operating_revenue::numeric`;
    case 'revenue_growth':
      return sql`case when f2.operating_revenue > 0 and f1.operating_revenue is not null
        then round((f1.operating_revenue - f2.operating_revenue) * 100 / f2.operating_revenue, 2) end`;
    case 'debt_ratio':
      return sql`case when f1.total_assets > 0 and f1.total_liabilities is not null
        then round(f1.total_liabilities * 100 / f1.total_assets, 2) end`;
    case 'rd_ratio':
      return sql`case when f1.operating_revenue > 0 and f1.rd_expense is not null
        then round(f1.rd_expense * 100 / f1.operating_revenue, 2) end`;
    case 'specialised':
      return sql`case when ${enterpriseFactsSql.certifiedAny(sql.ref('e.id'), SPECIALISED_CERTIFICATIONS, day)}
        then 'yes' else 'no' end`;
  }
}

/** The aggregate of a record feature over the published records `r` of one enterprise. */
function recordAggregate(
  rule: Extract<FeatureRule, { from: 'records' }>,
  column: string,
  day: string,
): RawBuilder<unknown> {
  const conditions = [
    sql`category = ${rule.category}`,
    rule.items.length === 1
      ? sql`item = ${rule.items[0]}`
      : sql`item in (${sql.join(rule.items.map((i) => sql`${i}`))})`,
  ];
  if (rule.valueText !== undefined) conditions.push(sql`value_text = ${rule.valueText}`);
  if (rule.withinYears !== undefined)
    conditions.push(sql`decided_on >= ${windowStart(day, rule.withinYears)}::date`);
  const where = sql.join(conditions, sql` and `);
  const as = sql.ref(column);
  switch (rule.take) {
    case 'count':
    case 'any':
      return sql`count(*) filter (where ${where}) as ${as}`;
    // The latest record's value: the greatest [decided on, id, value] (no sort, one pass).
    case 'latestNumber':
      return sql`(max(array[(decided_on - date '2000-01-01')::numeric, id::numeric, value_number])
        filter (where ${where}))[3] as ${as}`;
    case 'latestText':
      return sql`(max(array[to_char(decided_on, 'YYYYMMDD'), lpad(id::text, 19, '0'), value_text])
        filter (where ${where}))[3] as ${as}`;
  }
}

/** The feature's value over the joined `e`, `f1`, `f2` and `r` (the records' aggregates). */
function featureExpression(id: string, day: string): RawBuilder<unknown> {
  const { rule } = FEATURE_COMPUTATIONS[id] as (typeof FEATURE_COMPUTATIONS)[string];
  if (rule.from === 'registry') return registryExpression(rule.figure, day);
  const column = sql.ref(`r.${id}`);
  if (rule.take === 'count') return sql`coalesce(${column}, 0)::numeric`;
  if (rule.take === 'any') return sql`case when ${column} > 0 then 'yes' else 'no' end`;
  return column;
}

/** The published-on-the-day condition over credit_records (credit.rules.ts `isPublished`), decided by the day. */
function publishedOn(day: string): RawBuilder<unknown> {
  return sql`status <> 'superseded' and (publish_until is null or publish_until >= ${day}::date)
    and decided_on <= ${day}::date`;
}

/**
 * Every active enterprise in scope with the values of `features` (default all 20) on `day`, one row each:
 * `enterprise_id` and a column per feature (numeric, or text for a category). `detail` adds what explains the
 * registry's features: `established_on`, `figures_year` and the figures read (`f1_*`, `f2_revenue`).
 */
export function featureValuesSql(
  day: string,
  scope: ScoreScope,
  options: { features?: readonly string[]; detail?: boolean } = {},
): RawBuilder<unknown> {
  const ids = options.features ?? SCORECARD_FEATURES.map((f) => f.id);
  const year = Number(day.slice(0, 4)) - 1;
  const recordFeatures = ids.filter((id) => FEATURE_COMPUTATIONS[id]?.rule.from === 'records');
  const recordsJoin =
    recordFeatures.length === 0
      ? sql``
      : sql`left join (select enterprise_id, ${sql.join(
          recordFeatures.map((id) =>
            recordAggregate(
              FEATURE_COMPUTATIONS[id]?.rule as Extract<FeatureRule, { from: 'records' }>,
              id,
              day,
            ),
          ),
        )}
        from credit_records where ${publishedOn(day)} and ${scopeOn(sql.ref('enterprise_id'), scope)}
        group by enterprise_id) r on r.enterprise_id = e.id`;
  const only =
    'all' in scope ? undefined : (id: RawBuilder<unknown>) => scopeOn(id, scope) as RawBuilder<boolean>;
  const detail = options.detail
    ? sql`, e.established_on, f1.employees as f1_employees, f1.operating_revenue as f1_revenue,
        f1.total_assets as f1_assets, f1.total_liabilities as f1_liabilities, f1.rd_expense as f1_rd_expense,
        f2.operating_revenue as f2_revenue, case when f1.enterprise_id is null then null else ${year}::int end
        as figures_year`
    : sql``;
  return sql`(select e.id as enterprise_id, ${sql.join(
    ids.map((id) => sql`${featureExpression(id, day)} as ${sql.ref(id)}`),
  )} ${detail}
    from ${enterpriseFactsSql.enterprises()} e
    left join ${enterpriseFactsSql.figures(year, only)} f1 on f1.enterprise_id = e.id
    left join ${enterpriseFactsSql.figures(year - 1, only)} f2 on f2.enterprise_id = e.id
    ${recordsJoin}
    where e.status = 'active' and ${scopeOn(sql.ref('e.id'), scope)})`;
}

const num = (n: number) => sql.lit(n);
/**
 * Points, scores and bin edges are compared and added as float8: IEEE doubles as `scoreOf`'s, added in the same
 * order (base, then each feature's), so the sums are the same to the bit; a feature's numeric value converts to the
 * double JavaScript reads from its text. (numeric arithmetic cost three times as much here.)
 */
const numbers = (list: readonly number[]) => sql`array[${sql.join(list.map(num))}]::float8[]`;
const ints = (list: readonly number[]) => sql`array[${sql.join(list.map(num))}]::int[]`;

/**
 * Where a value falls, as a 1-based position into per-position arrays (null: no bin holds it, or it is missing),
 * reading the value once: for ranges `width_bucket` over the bins' starts in order (a value in [from, to) of the
 * k-th bin by start is at k); for categories its position in the list of the bins' values. Also the original
 * index of the bin at each position, and the points at each position.
 */
function binLookup(
  value: RawBuilder<unknown>,
  bins: readonly (RangeBin | ValuesBin)[],
): { position: RawBuilder<unknown>; binAt: number[]; pointsAt: number[] } {
  if (bins.length > 0 && bins.every((b) => 'values' in b)) {
    const listed = (bins as ValuesBin[]).flatMap((b, i) => b.values.map((v) => ({ v, i, points: b.points })));
    return {
      position: sql`array_position(array[${sql.join(listed.map((l) => sql`${l.v}`))}]::text[], ${value}::text)`,
      binAt: listed.map((l) => l.i),
      pointsAt: listed.map((l) => l.points),
    };
  }
  // A checked scorecard's ranges cover every value once: sorted by start, the first is open below.
  const sorted = (bins as RangeBin[])
    .map((b, i) => ({ b, i }))
    .sort((x, y) => (x.b.from ?? -Infinity) - (y.b.from ?? -Infinity));
  const starts = sorted.slice(1).map((x) => x.b.from as number);
  return {
    position:
      starts.length === 0
        ? sql`case when ${value} is not null then 1 end`
        : sql`width_bucket(${value}::float8, ${numbers(starts)}) + 1`,
    binAt: sorted.map((x) => x.i),
    pointsAt: sorted.map((x) => x.b.points),
  };
}

/**
 * One row per enterprise of the features subquery, scored by a checked scorecard: `enterprise_id`, `score`,
 * `grade` and `items` — jsonb, by default each feature's points in the model's order (`[10, -20, …]`, what the job
 * stores: building 20 objects per row tripled the job's time), or with `items: 'full'` the `ScoreItem`s (value,
 * bin, points; the property test compares them with `scoreOf`'s).
 *
 * Every expression reads a feature's value once (a bin by `width_bucket` or `array_position`, the grade by
 * `width_bucket` over the grades' minimums), so the plan stays one flat statement — no `OFFSET 0` or materialised
 * CTE, which Citus would plan apart on the coordinator — without repeating the features' expressions per bin.
 */
export function scoredSql(
  model: ScorecardModel,
  day: string,
  scope: ScoreScope,
  options: { items?: 'points' | 'full' } = {},
): RawBuilder<unknown> {
  const features = model.features.map((f) => f.feature);
  const values = featureValuesSql(day, scope, { features: [...new Set(features)] });
  const lookups = model.features.map((f) => ({ f, ...binLookup(sql.ref(`v.${f.feature}`), f.bins) }));
  const points = lookups.map(
    ({ f, position, pointsAt }) =>
      sql`coalesce((${numbers(pointsAt)})[${position}], ${num(f.missingPoints)}::float8)`,
  );
  const score = sql`(${num(model.basePoints)}::float8 + ${sql.join(points, sql` + `)})`;
  // Grades from the lowest up: the catch-all, then each minimum; the grade is the one of the minimums passed.
  const ascending = [...model.grades].reverse();
  const minimums = ascending.filter((g) => g.minScore !== null).map((g) => g.minScore as number);
  const names = sql`array[${sql.join(ascending.map((g) => sql`${g.grade}`))}]::text[]`;
  const grade =
    minimums.length === 0
      ? sql`(${names})[1]`
      : sql`(${names})[width_bucket(s.score, ${numbers(minimums)}) + 1]`;
  const items =
    options.items === 'full'
      ? sql`jsonb_build_array(${sql.join(
          lookups.map(
            ({ f, position, binAt }, i) =>
              sql`jsonb_build_object('feature', ${sql.lit(f.feature)}::text, 'value', ${sql.ref(`v.${f.feature}`)},
                'bin', (${ints(binAt)})[${position}], 'points', ${points[i] as RawBuilder<unknown>})`,
          ),
        )})`
      : sql`to_jsonb(array[${sql.join(points)}])`;
  return sql`(select s.enterprise_id, s.score, ${grade} as grade, s.items from (
      select v.enterprise_id, ${score} as score, ${items} as items from ${values} v) s)`;
}
