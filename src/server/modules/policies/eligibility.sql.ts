/**
 * The second evaluator of a rule: a compiler to one SQL expression, for matching a whole registry in the database
 * (issue 4). SQL's NULL is the rule language's unknown, and its AND, OR and NOT are the same three-valued logic,
 * so the expression is true, false or NULL exactly where `evaluateRule` answers eligible, not eligible or unknown
 * (a property test holds the two to that). Comparisons are made in float8, as JavaScript compares numbers.
 *
 * The expression reads the registry's facts through these names, each joined from the registry's own SQL
 * (`enterpriseFactsSql`, its contract with this module): `e` an enterprise (industry_code, region_code,
 * established_on, status), `f<year>` its current figures of a year and `s<k>` its size classes, joined by the
 * compiled `joins` (`source` is `e` with them); certifications are looked up by `e.id`.
 */
import { type RawBuilder, sql } from 'kysely';
import { regionScopePrefix } from '../../../reference/regions.ts';
import { enterpriseFactsSql } from '../registry/index.ts';
import {
  type FigureFact,
  type NumExpr,
  type Parameter,
  parameterOn,
  type Rule,
  ruleYear,
} from './eligibility.rules.ts';

/** What a compiled rule needs joined beside `e`. */
interface Needs {
  years: Set<number>;
  sizes: Map<string, { standard: string; year: number; alias: string }>;
}

/** A compiled rule: its condition, the joins it needs, and `e` with those joins (what to select from). */
export interface CompiledRule {
  condition: RawBuilder<boolean | null>;
  joins: RawBuilder<unknown>;
  source: RawBuilder<unknown>;
}

const FIGURE_COLUMNS: Record<FigureFact, string> = {
  employees: 'employees',
  operating_revenue: 'operating_revenue',
  main_business_revenue: 'main_business_revenue',
  total_assets: 'total_assets',
  total_liabilities: 'total_liabilities',
  rd_expense: 'rd_expense',
  rd_staff: 'rd_staff',
  taxable_income: 'taxable_income',
};

function figureAlias(year: number): string {
  return `f${year}`;
}

function num(
  expr: NumExpr,
  date: string,
  parameters: Record<string, Parameter>,
  needs: Needs,
): RawBuilder<number> {
  if (typeof expr === 'number') return sql<number>`${expr}::float8`;
  if ('fact' in expr) {
    const year = ruleYear(expr.year, date);
    needs.years.add(year);
    return sql<number>`${sql.ref(`${figureAlias(year)}.${FIGURE_COLUMNS[expr.fact]}`)}::float8`;
  }
  if ('age' in expr) {
    return sql<number>`(${Number(date.slice(0, 4))} - extract(year from e.established_on)
      - case when ${date.slice(5)} < to_char(e.established_on, 'MM-DD') then 1 else 0 end)::float8`;
  }
  if ('param' in expr) {
    const parameter = parameters[expr.param];
    const value = parameter ? parameterOn(parameter, date) : null;
    return sql<number>`${value}::float8`;
  }
  const top = num(expr.ratio[0], date, parameters, needs);
  const bottom = num(expr.ratio[1], date, parameters, needs);
  return sql<number>`(${top} / nullif(${bottom}, 0))`;
}

/** A ratio's zero case, as `evaluateRule` answers it: numerator known and denominator zero. */
function zeroCase(expr: NumExpr, date: string, parameters: Record<string, Parameter>, needs: Needs) {
  if (typeof expr !== 'object' || !('ratio' in expr)) return null;
  const top = num(expr.ratio[0], date, parameters, needs);
  const bottom = num(expr.ratio[1], date, parameters, needs);
  return { when: sql<boolean>`(${top} is not null and ${bottom} = 0)`, ifZero: expr.ifZero };
}

const OPS = { '<': '<', '<=': '<=', '>': '>', '>=': '>=', '=': '=', '!=': '<>' } as const;

function node(
  rule: Rule,
  date: string,
  parameters: Record<string, Parameter>,
  needs: Needs,
): RawBuilder<boolean> {
  if ('all' in rule || 'any' in rule) {
    const isAll = 'all' in rule;
    const parts = (isAll ? (rule as { all: Rule[] }).all : (rule as { any: Rule[] }).any).map((child) =>
      node(child, date, parameters, needs),
    );
    return sql<boolean>`(${sql.join(parts, isAll ? sql` and ` : sql` or `)})`;
  }
  if ('not' in rule) return sql<boolean>`(not ${node(rule.not, date, parameters, needs)})`;
  if ('compare' in rule) {
    const [leftExpr, op, rightExpr] = rule.compare;
    const comparison = sql<boolean>`(${num(leftExpr, date, parameters, needs)} ${sql.raw(OPS[op])} ${num(rightExpr, date, parameters, needs)})`;
    // A zero denominator makes the clause false where the rule says so (before the other side is looked at).
    const zero = [leftExpr, rightExpr]
      .map((expr) => zeroCase(expr, date, parameters, needs))
      .filter((z) => z !== null && z.ifZero === 'false');
    if (zero.length === 0) return comparison;
    const anyZero = sql.join(
      zero.map((z) => (z as { when: RawBuilder<boolean> }).when),
      sql` or `,
    );
    return sql<boolean>`(case when ${anyZero} then false else ${comparison} end)`;
  }
  if ('industry' in rule) {
    const parts = rule.industry.map(
      (prefix) => sql<boolean>`starts_with(e.industry_code, ${prefix.toUpperCase()})`,
    );
    return sql<boolean>`(${sql.join(parts, sql` or `)})`;
  }
  if ('region' in rule) {
    const parts = rule.region.map(
      (code) => sql<boolean>`starts_with(e.region_code, ${regionScopePrefix(code)})`,
    );
    return sql<boolean>`(${sql.join(parts, sql` or `)})`;
  }
  if ('size' in rule) {
    const standard = rule.standard ?? 'cn-2011';
    const year = ruleYear(rule.year, date);
    const key = `${standard}:${year}`;
    let entry = needs.sizes.get(key);
    if (!entry) {
      entry = { standard, year, alias: `s${needs.sizes.size}` };
      needs.sizes.set(key, entry);
    }
    return sql<boolean>`(${sql.ref(`${entry.alias}.size`)} = any(${rule.size}::text[]))`;
  }
  if ('certified' in rule) {
    return enterpriseFactsSql.certified(sql`e.id`, rule.certified, date);
  }
  if ('taxpayer' in rule) {
    const year = ruleYear(rule.year, date);
    needs.years.add(year);
    return sql<boolean>`(${sql.ref(`${figureAlias(year)}.vat_taxpayer_type`)} = ${rule.taxpayer})`;
  }
  return sql<boolean>`(e.status = any(${rule.status}::text[]))`;
}

/** Compiles a checked rule for evaluation on a date. */
export function compileRule(
  rule: Rule,
  date: string,
  parameters: Record<string, Parameter> = {},
): CompiledRule {
  const { conditions, joins, source } = compileRules([{ rule, parameters }], date);
  return { condition: conditions[0] as RawBuilder<boolean | null>, joins, source };
}

/**
 * Compiles several rules over one scan of the registry: one condition each, the joins they need together (each
 * year's figures and each size class joined once however many rules read them), and `e` with those joins.
 */
export function compileRules(
  rules: readonly { rule: Rule; parameters?: Record<string, Parameter> }[],
  date: string,
  only?: (enterpriseId: RawBuilder<unknown>) => RawBuilder<boolean>,
): { conditions: RawBuilder<boolean | null>[]; joins: RawBuilder<unknown>; source: RawBuilder<unknown> } {
  const needs: Needs = { years: new Set(), sizes: new Map() };
  const conditions = rules.map(({ rule, parameters }) => node(rule, date, parameters ?? {}, needs));
  const joins = [
    ...[...needs.years].map((year) => {
      const alias = figureAlias(year);
      return sql`left join ${enterpriseFactsSql.figures(year, only)} as ${sql.table(alias)}
        on ${sql.ref(`${alias}.enterprise_id`)} = e.id`;
    }),
    ...[...needs.sizes.values()].map(
      ({
        standard,
        year,
        alias,
      }) => sql`left join ${enterpriseFactsSql.sizes(standard, year, only)} as ${sql.table(alias)}
        on ${sql.ref(`${alias}.enterprise_id`)} = e.id`,
    ),
  ];
  const joined = joins.length > 0 ? sql.join(joins, sql` `) : sql``;
  return { conditions, joins: joined, source: sql`${enterpriseFactsSql.enterprises()} as e ${joined}` };
}

/** The region part of a policy's condition: national, or any of its regions' subtrees. */
export function regionCondition(regions: readonly string[]): RawBuilder<boolean> {
  if (regions.length === 0) return sql<boolean>`true`;
  return sql<boolean>`(${sql.join(
    regions.map((code) => sql`starts_with(e.region_code, ${regionScopePrefix(code)})`),
    sql` or `,
  )})`;
}
