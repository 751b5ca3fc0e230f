/**
 * Distribution on Citus (issue 20, ADR 0025): on a database with the `citus` extension, makes each table what
 * table-classes.ts says — reference tables copied to every node, the enterprise group distributed by enterprise
 * and colocated, each lookup distributed by its key — skipping what is done already, so it runs after every
 * migration; the foreign keys touching the tables made are set aside meanwhile and put back as they were. Refused while the schema breaks a
 * rule (scale-out-check.ts): Citus would refuse part-way. Local tables stay on the coordinator.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import { scaleOutViolations } from './scale-out-check.ts';
import type { Database } from './schema.ts';
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

/** The tables Citus holds (reference and distributed), by name; none on a database without the extension. */
// biome-ignore lint/suspicious/noExplicitAny: reads the catalogue only
export async function citusTables(db: Kysely<any>): Promise<string[]> {
  if (!(await isCitus(db))) return [];
  const rows = await sql<{ name: string }>`
    select table_name::text as name from citus_tables order by 1`.execute(db);
  return rows.rows.map((r) => r.name);
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
        select table_name::text as name, citus_table_type as type from citus_tables`.execute(db)
    ).rows.map((r) => [r.name, r.type]),
  );

  const done: Distribution = { reference: [], distributed: [], unchanged: 0 };
  const pending: string[] = [];
  /** The first table of each group: an already distributed one, or the first made now; the rest colocate. */
  const groupLead = new Map<string, string>();
  for (const table of orderByForeignKeys(tables, edges)) {
    const kind = classOf(table);
    if (!kind)
      pending.push(table); // unclassified: the check below refuses it, naming it
    else if (kind.kind === 'local') continue;
    else if (held.get(table) === kind.kind) {
      done.unchanged += 1;
      if (kind.kind === 'distributed' && !groupLead.has(kind.group)) groupLead.set(kind.group, table);
    } else pending.push(table);
  }
  if (pending.length === 0) return done;
  // Checked only when there is something to make (not on every start of a distributed database).
  const problems = await scaleOutViolations(db);
  if (problems.length > 0)
    throw new Error(
      `the schema breaks the scale-out rules, nothing distributed:\n- ${problems.join('\n- ')}`,
    );
  // Citus checks every foreign key of a table it takes over, whichever way it points: making `policies` a
  // reference table while `policy_benefits` (still plain) points both to it and to the distributed enterprises is
  // refused. So the keys touching the tables made now are set aside and put back, exactly as they were, once
  // every table is what its class says; in one transaction, so none is lost.
  const pendingSet = new Set(pending);
  const keys = (
    await sql<{ table: string; name: string; definition: string }>`
      select c.relname as table, k.conname as name, pg_get_constraintdef(k.oid) as definition
      from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class t on t.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and k.contype = 'f' order by 1, 2`.execute(db)
  ).rows.filter(
    (k) => pendingSet.has(k.table) || edges.some(([from, to]) => from === k.table && pendingSet.has(to)),
  );
  await db.transaction().execute(async (trx) => {
    // One connection per node for the whole transaction: a reference table cannot be changed in a transaction
    // after a parallel operation on a distributed table.
    await sql`set local citus.multi_shard_modify_mode to 'sequential'`.execute(trx);
    for (const key of keys)
      await sql`alter table ${sql.table(key.table)} drop constraint ${sql.id(key.name)}`.execute(trx);
    for (const table of pending) {
      const kind = classOf(table) as TableClass;
      if (kind.kind === 'reference') {
        await sql`select create_reference_table(${table})`.execute(trx);
        done.reference.push(table);
      }
    }
    for (const table of pending) {
      const kind = classOf(table) as TableClass;
      if (kind.kind !== 'distributed') continue;
      const lead = groupLead.get(kind.group);
      if (lead)
        await sql`select create_distributed_table(${table}, ${kind.column}, colocate_with => ${lead})`.execute(
          trx,
        );
      else if (shardCount)
        await sql`select create_distributed_table(${table}, ${kind.column}, colocate_with => 'none',
          shard_count => ${shardCount}::int)`.execute(trx);
      else
        await sql`select create_distributed_table(${table}, ${kind.column}, colocate_with => 'none')`.execute(
          trx,
        );
      if (!lead) groupLead.set(kind.group, table);
      done.distributed.push(`${table} (${kind.column})`);
    }
    for (const key of keys)
      await sql`alter table ${sql.table(key.table)} add constraint ${sql.id(key.name)} ${sql.raw(key.definition)}`.execute(
        trx,
      );
  });
  return done;
}

/**
 * Leaves Citus's shard locks out of a transaction whose writes never touch the rows of another such transaction
 * running beside it (an import's lanes, matching's chunks): on Citus a statement that writes several shards at
 * once takes a lock on each shard that conflicts with the same lock of any other such statement, held to the end
 * of its transaction (its "deadlock prevention", distributed_execution_locks.c). Two such transactions then wait
 * for each other's shards — in the database, or, for an import's lanes committed in file order, in the process —
 * where their row locks are all they need, as on one PostgreSQL. Does nothing without Citus.
 */
export async function withoutShardLocks(trx: Transaction<Database>): Promise<void> {
  await sql`select set_config('citus.enable_deadlock_prevention', 'off', true)
    where current_setting('citus.enable_deadlock_prevention', true) is not null`.execute(trx);
}
