/**
 * Distribution on Citus (issue 20, ADR 0025): on a database with the `citus` extension, makes each table what
 * table-classes.ts says — reference tables copied to every node, the enterprise group distributed by enterprise
 * and colocated, each lookup distributed by its key — in the order their foreign keys need (a table's targets
 * first), skipping what is done already, so it runs after every migration. Refused while the schema breaks a
 * rule (scale-out-check.ts): Citus would refuse part-way. Local tables stay on the coordinator.
 */
import { type Kysely, sql } from 'kysely';
import { scaleOutViolations } from './scale-out-check.ts';
import { classOf, type TableClass } from './table-classes.ts';

/** What a distribution run did. */
export interface Distribution {
  /** Tables made reference tables now, in order. */
  reference: string[];
  /** Tables distributed now, in order, with their column. */
  distributed: string[];
  /** Classified tables Citus already held as their class says. */
  unchanged: number;
}

/** Whether the database has the citus extension (a coordinator). */
// biome-ignore lint/suspicious/noExplicitAny: reads the catalogue only
export async function isCitus(db: Kysely<any>): Promise<boolean> {
  const rows = await sql<{ yes: boolean }>`
    select exists (select 1 from pg_extension where extname = 'citus') as yes`.execute(db);
  return rows.rows[0]?.yes === true;
}

/** Tables in an order where each comes after the tables its foreign keys point to (self-references ignored). */
export function orderByForeignKeys(tables: readonly string[], edges: readonly [string, string][]): string[] {
  const targets = new Map<string, Set<string>>();
  for (const table of tables) targets.set(table, new Set());
  for (const [from, to] of edges) if (from !== to && targets.has(to)) targets.get(from)?.add(to);
  const ordered: string[] = [];
  const placed = new Set<string>();
  const visit = (table: string, path: Set<string>) => {
    if (placed.has(table)) return;
    if (path.has(table)) throw new Error(`foreign keys form a cycle through ${[...path, table].join(' → ')}`);
    path.add(table);
    for (const to of [...(targets.get(table) ?? [])].sort()) visit(to, path);
    path.delete(table);
    placed.add(table);
    ordered.push(table);
  };
  for (const table of [...tables].sort()) visit(table, new Set());
  return ordered;
}

/**
 * Creates the reference and distributed tables Citus does not hold yet. `shardCount` applies to groups created
 * now (Citus's `citus.shard_count` when left out); choose it up front: changing it later means moving every shard.
 */
// biome-ignore lint/suspicious/noExplicitAny: works on the catalogue and every table
export async function distributeTables(db: Kysely<any>, shardCount?: number): Promise<Distribution> {
  if (!(await isCitus(db))) throw new Error('not a Citus database: the citus extension is not installed');
  const problems = await scaleOutViolations(db);
  if (problems.length > 0)
    throw new Error(
      `the schema breaks the scale-out rules, nothing distributed:\n- ${problems.join('\n- ')}`,
    );
  const tables = (
    await sql<{ name: string }>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition`.execute(db)
  ).rows.map((r) => r.name);
  const edges = (
    await sql<{ from: string; to: string }>`
      select c.relname as from, t.relname as to from pg_constraint k
      join pg_class c on c.oid = k.conrelid join pg_class t on t.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and k.contype = 'f'`.execute(db)
  ).rows.map((r): [string, string] => [r.from, r.to]);
  const held = new Map(
    (
      await sql<{ name: string; type: string }>`
        select logicalrelid::regclass::text as name, citus_table_type as type from citus_tables`.execute(db)
    ).rows.map((r) => [r.name, r.type]),
  );

  const done: Distribution = { reference: [], distributed: [], unchanged: 0 };
  /** The first table distributed in each group: the others are colocated with it. */
  const groupLead = new Map<string, string>();
  for (const table of orderByForeignKeys(tables, edges)) {
    const kind = classOf(table) as TableClass;
    if (kind.kind === 'local') continue;
    const type = held.get(table);
    if (kind.kind === 'reference') {
      if (type === 'reference') done.unchanged += 1;
      else {
        await sql`select create_reference_table(${table})`.execute(db);
        done.reference.push(table);
      }
      continue;
    }
    const lead = groupLead.get(kind.group);
    if (type === 'distributed') {
      done.unchanged += 1;
      if (!lead) groupLead.set(kind.group, table);
      continue;
    }
    if (lead)
      await sql`select create_distributed_table(${table}, ${kind.column}, colocate_with => ${lead})`.execute(
        db,
      );
    else if (shardCount)
      await sql`select create_distributed_table(${table}, ${kind.column}, colocate_with => 'none',
        shard_count => ${shardCount}::int)`.execute(db);
    else
      await sql`select create_distributed_table(${table}, ${kind.column}, colocate_with => 'none')`.execute(
        db,
      );
    if (!lead) groupLead.set(kind.group, table);
    done.distributed.push(`${table} (${kind.column})`);
  }
  return done;
}
