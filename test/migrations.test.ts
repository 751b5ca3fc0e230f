/**
 * Landed migrations stay as they landed (ADR 0018): each file's SHA-256 is recorded in test/landed-migrations.json
 * when it lands, and an edit, a deletion, a rename or a new migration sorting before a landed one fails here.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../src/server/db/migrations/index.ts';

const DIRECTORY = path.resolve(import.meta.dirname, '../src/server/db/migrations');
const RECORD = 'test/landed-migrations.json';

/** What test/landed-migrations.json holds: the first release's tag (null before it), every landed migration's hash. */
interface LandedMigrations {
  firstRelease: string | null;
  landed: Record<string, string>;
}

const record = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, 'landed-migrations.json'), 'utf8'),
) as LandedMigrations;

/** The migration files by name (without `.ts`), in name order. */
function migrationNames(): string[] {
  return readdirSync(DIRECTORY)
    .filter((file) => /^\d{8}_\d{4}_[a-z0-9_]+\.ts$/.test(file))
    .map((file) => file.slice(0, -3))
    .sort();
}

/** SHA-256 of a migration's text; line endings normalised, so a checkout with CRLF hashes the same. */
function hashOf(name: string): string {
  const text = readFileSync(path.join(DIRECTORY, `${name}.ts`), 'utf8').replace(/\r\n/g, '\n');
  return createHash('sha256').update(text).digest('hex');
}

describe('landed migrations (ADR 0018)', () => {
  it('registers every migration file in migrations/index.ts under its own name', () => {
    expect(Object.keys(migrations).sort()).toEqual(migrationNames());
  });

  it('keeps every landed migration, byte for byte, as recorded when it landed', () => {
    const files = new Set(migrationNames());
    const changed: string[] = [];
    for (const [name, hash] of Object.entries(record.landed)) {
      if (!files.has(name)) changed.push(`${name}: deleted or renamed`);
      else if (hashOf(name) !== hash)
        changed.push(
          record.firstRelease !== null
            ? `${name}: edited after the first release (${record.firstRelease}). Revert it and add a new migration.`
            : `${name}: edited after it landed. Add a new migration instead; an edit before the first release needs ` +
                `ADR 0018's conditions, then its new hash ${hashOf(name)} in ${RECORD} and a row in the ADR's history.`,
        );
    }
    expect(changed).toEqual([]);
  });

  it('records each new migration when it lands, named to sort after every landed one', () => {
    const landed = Object.keys(record.landed).sort();
    const last = landed.at(-1) ?? '';
    const problems = migrationNames()
      .filter((name) => !(name in record.landed))
      .map((name) =>
        name < last
          ? `${name}: sorts before the landed ${last}; give it a later timestamp`
          : `${name}: not recorded; add "${name}": "${hashOf(name)}" to ${RECORD} in the commit that adds it`,
      );
    expect(problems).toEqual([]);
  });
});
