/** Applies the migration history, then syncs reference data. Safe to run on every start. */
import { type Kysely, type MigrationResultSet, Migrator } from 'kysely';
import { syncReferenceData } from '../modules/reference-data/reference-data.service.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

/** Migrates to the latest version and syncs reference data; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<Database>): Promise<{ applied: string[] }> {
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
  await syncReferenceData(db);
  return {
    applied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
  };
}
