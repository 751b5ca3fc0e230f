/**
 * The scale-out rules checked against a live schema (issue 20, ADR 0025): what Citus refuses or cannot run
 * correctly, found on plain PostgreSQL or PGlite, so no change can quietly undo them. Read from the catalogue:
 * - every table has a class (table-classes.ts), and every class names a table;
 * - a distributed table's distribution column is NOT NULL, and its primary key and every unique constraint or
 *   unique index include it; it has no triggers;
 * - a distributed table's foreign keys point to reference tables, or to a table of its own group through the
 *   distribution columns of both; a reference table's only to reference tables; a local table's only to local
 *   tables (on Citus a local table tied to a reference table becomes a "Citus local table", whose identity columns
 *   then hand out duplicates); a reference table has no triggers.
 */
import { type Kysely, sql } from 'kysely';
import { classOf, type TableClass } from './table-classes.ts';

interface Constraint {
  table: string;
  name: string;
  kind: 'p' | 'u' | 'f' | 'i';
  columns: string[];
  target: string | null;
  targetColumns: string[];
}

/** A table's columns by attribute number, and whether each is NOT NULL. */
interface Column {
  table: string;
  name: string;
  notNull: boolean;
}

/**
 * Every breach of the scale-out rules in a schema, as sentences naming the table and the rule; empty when the
 * schema follows them. `classes` gives each table's class (the platform's by default).
 */
export async function scaleOutViolations(
  // biome-ignore lint/suspicious/noExplicitAny: reads the catalogue, not the application's tables
  db: Kysely<any>,
  schema = 'public',
  classes: (table: string) => TableClass | undefined = classOf,
  expected: readonly string[] = [],
): Promise<string[]> {
  const tables = (
    await sql<{ name: string }>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema} and c.relkind in ('r', 'p') and not c.relispartition order by 1`.execute(db)
  ).rows.map((r) => r.name);
  const columns = (
    await sql<Column>`
      select c.relname as table, a.attname as name, a.attnotnull as "notNull"
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema} and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped`.execute(
      db,
    )
  ).rows;
  // Constraints (primary, unique, foreign) and unique indexes that back no constraint, with their columns in
  // order; an expression's column is left out (then the index cannot include the distribution column by it).
  const constraints = (
    await sql<Constraint>`
      select c.relname as table, k.conname as name, k.contype as kind,
        array(select a.attname from unnest(k.conkey) with ordinality as x(n, o)
          join pg_attribute a on a.attrelid = k.conrelid and a.attnum = x.n order by x.o)::text[] as columns,
        t.relname as target,
        coalesce(array(select a.attname from unnest(k.confkey) with ordinality as x(n, o)
          join pg_attribute a on a.attrelid = k.confrelid and a.attnum = x.n order by x.o)::text[], '{}') as "targetColumns"
      from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
      left join pg_class t on t.oid = k.confrelid
      where n.nspname = ${schema} and k.contype in ('p', 'u', 'f')
      union all
      select c.relname, ic.relname, 'i',
        array(select a.attname from unnest(i.indkey::int2[]) with ordinality as x(n, o)
          join pg_attribute a on a.attrelid = i.indrelid and a.attnum = x.n order by x.o)::text[],
        null, '{}'
      from pg_index i join pg_class c on c.oid = i.indrelid join pg_class ic on ic.oid = i.indexrelid
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema} and i.indisunique
        and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.contype in ('p', 'u'))
      order by 1, 2`.execute(db)
  ).rows;
  const triggers = (
    await sql<{ table: string; name: string }>`
      select c.relname as table, g.tgname as name from pg_trigger g join pg_class c on c.oid = g.tgrelid
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema} and not g.tgisinternal order by 1, 2`.execute(db)
  ).rows;

  const problems: string[] = [];
  const present = new Set(tables);
  for (const name of expected)
    if (!present.has(name)) problems.push(`${name}: classified, but there is no such table`);
  for (const table of tables) {
    const kind = classes(table);
    if (!kind) {
      problems.push(
        `${table}: has no class (distributed, reference or local; src/server/db/table-classes.ts)`,
      );
      continue;
    }
    const own = constraints.filter((k) => k.table === table);
    for (const trigger of triggers.filter((t) => t.table === table && kind.kind !== 'local'))
      problems.push(`${table}: trigger ${trigger.name} on a ${kind.kind} table (Citus refuses it)`);
    if (kind.kind === 'distributed') {
      const column = columns.find((c) => c.table === table && c.name === kind.column);
      if (!column) problems.push(`${table}: no distribution column ${kind.column}`);
      else if (!column.notNull) problems.push(`${table}: distribution column ${kind.column} may be NULL`);
      if (!own.some((k) => k.kind === 'p')) problems.push(`${table}: no primary key`);
      for (const k of own.filter((c) => c.kind !== 'f' && !c.columns.includes(kind.column)))
        problems.push(
          `${table}: ${k.kind === 'p' ? 'primary key' : 'unique'} ${k.name} (${k.columns.join(', ')}) ` +
            `leaves out the distribution column ${kind.column}`,
        );
    }
    for (const fk of own.filter((k) => k.kind === 'f')) {
      const target = fk.target ?? '';
      const targetClass = classes(target);
      const to = `${fk.name} → ${target}`;
      if (kind.kind === 'local' && targetClass?.kind !== 'local')
        problems.push(`${table}: foreign key ${to}: a local table may point only to local tables`);
      if (kind.kind === 'reference' && targetClass?.kind !== 'reference')
        problems.push(`${table}: foreign key ${to}: a reference table may point only to reference tables`);
      if (kind.kind === 'distributed' && targetClass?.kind !== 'reference') {
        if (targetClass?.kind !== 'distributed' || targetClass.group !== kind.group)
          problems.push(`${table}: foreign key ${to}: only to reference tables or tables of its own group`);
        else {
          const at = fk.columns.indexOf(kind.column);
          if (at < 0)
            problems.push(`${table}: foreign key ${to} leaves out the distribution column ${kind.column}`);
          else if (fk.targetColumns[at] !== targetClass.column)
            problems.push(
              `${table}: foreign key ${to} pairs ${kind.column} with ${fk.targetColumns[at]}, ` +
                `not with ${target}'s distribution column ${targetClass.column}`,
            );
        }
      }
    }
  }
  return problems;
}
