/**
 * The migration history, in order. Migrations are history: never edit one that has landed; add a new file.
 */
import type { Migration } from 'kysely';
import * as foundation from './20261125_1800_foundation.ts';
import * as registry from './20261125_1900_registry.ts';

/** Every migration by name; names sort in the order they apply. */
export const migrations: Record<string, Migration> = {
  '20261125_1800_foundation': foundation,
  '20261125_1900_registry': registry,
};
