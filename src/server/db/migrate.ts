/**
 * Applies the migration history, distributes the tables on a Citus coordinator (distribute.ts), then syncs
 * reference data. Safe to run on every start.
 */
import { type Kysely, type MigrationResultSet, Migrator, sql } from 'kysely';
import { syncReferenceData } from '../modules/reference-data/index.ts';
import { type Distribution, distributeTables, isCitus } from './distribute.ts';
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
