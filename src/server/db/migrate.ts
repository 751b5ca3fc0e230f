/**
 * Applies the migration history, distributes the tables on a Citus coordinator (distribute.ts), then syncs
 * reference data. Safe to run on every start. `migrateTo` moves to one migration, also down.
 */
import { type Kysely, type MigrationResultSet, Migrator, sql } from 'kysely';
import { syncReferenceData } from '../modules/reference-data/index.ts';
import { citusTables, type Distribution, distributeTables, isCitus } from './distribute.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

const LATEST = Object.keys(migrations).sort().at(-1) ?? '';

/** Fast path for every start after the first: one query says whether the newest migration is applied. */
async function isUpToDate(db: Kysely<Database>): Promise<boolean> {
  try {
    const result = await sql<{
      name: string;
    }>`select name from kysely_migration order by name desc limit 1`.execute(db);
    return result.rows[0]?.name === LATEST;
  } catch {
    return false; // no migration table yet
  }
}

/** Migrates to the latest version and syncs reference data; throws with the failing migration's name. */
export async function migrateToLatest(
  db: Kysely<Database>,
  options: { shardCount?: number } = {},
): Promise<{ applied: string[]; distribution: Distribution | null }> {
  if (await isUpToDate(db)) {
    const distribution = (await isCitus(db)) ? await distributeTables(db, options.shardCount) : null;
    await syncReferenceData(db);
    return { applied: [], distribution };
  }
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `Migration ${failed} failed: ${String((result.error as Error).message ?? result.error)}`,
      {
        cause: result.error,
      },
    );
  }
  // On Citus the tables a migration made are distributed before anything is written to them.
  const distribution = (await isCitus(db)) ? await distributeTables(db, options.shardCount) : null;
  await syncReferenceData(db);
  return {
    distribution,
    applied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
  };
}

/**
 * The newest migration whose down() puts back what Citus cannot hold (unique keys without the distribution
 * column, triggers, foreign keys to users or to a distributed table by id alone; ADR 0025). A later migration
 * whose down() does the same moves this mark to itself.
 */
export const LAST_DOWN_FOR_PLAIN_TABLES = '20261209_0300_notices_scale_out';

/**
 * Why migrating to `target` is refused while Citus holds `heldTables`, or null: going down past
 * LAST_DOWN_FOR_PLAIN_TABLES on distributed tables, whose down() Citus would stop at its first such constraint
 * ("cannot create constraint on …") without saying what to do instead.
 */
export function migrateDownRefusal(target: string, heldTables: readonly string[]): string | null {
  if (heldTables.length === 0 || target === 'latest' || target >= LAST_DOWN_FOR_PLAIN_TABLES) return null;
  const shown = heldTables.slice(0, 3).join(', ') + (heldTables.length > 3 ? ', …' : '');
  return (
    `Migrating down to ${target} would run the down() of ${LAST_DOWN_FOR_PLAIN_TABLES} and of the scale-out ` +
    'migrations before it, which put back what Citus cannot hold (unique keys without the distribution column, ' +
    `triggers, foreign keys to users): refused while Citus holds ${heldTables.length} tables (${shown}). ` +
    'Migrate a copy without Citus instead: a backup taken before the tables were distributed, or a pg_dump of ' +
    "the coordinator (it reads the shards' rows) restored into a plain PostgreSQL. Citus's undistribute_table() " +
    'cannot take these tables back: it refuses tables with identity columns.'
  );
}

/**
 * Migrates up or down to one migration of the history (`'latest'`: all of them): a migration's up() and down()
 * tested on data, or a plain database taken back. Nothing is distributed or synced (migrateToLatest does that).
 * Refused, before anything runs, as migrateDownRefusal says; throws the failing migration's error.
 */
// biome-ignore lint/suspicious/noExplicitAny: the tables are in the shape of whichever migration is reached
export async function migrateTo(db: Kysely<any>, target: string): Promise<void> {
  const refusal = migrateDownRefusal(target, await citusTables(db));
  if (refusal) throw new Error(refusal);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const result = target === 'latest' ? await migrator.migrateToLatest() : await migrator.migrateTo(target);
  if (result.error) throw result.error;
}
