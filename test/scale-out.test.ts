/**
 * The scale-out rules (issue 20, ADR 0025) hold for the platform's schema as migrated, and the checker finds each
 * kind of breach: run on PGlite and on PostgreSQL (CI's PostgreSQL run is the "schema check on plain PostgreSQL").
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/server/db/database.ts';
import { scaleOutViolations } from '../src/server/db/scale-out-check.ts';
import { MIGRATOR_TABLES, TABLE_CLASSES, type TableClass } from '../src/server/db/table-classes.ts';
import { createTestDatabase } from './helpers/db.ts';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

describe("the platform's schema", () => {
  it('follows every scale-out rule, with every table classified and every class naming a table', async () => {
    const classified = [...Object.keys(TABLE_CLASSES), ...Object.keys(MIGRATOR_TABLES)];
    expect(await scaleOutViolations(handle.db, 'public', undefined, classified)).toEqual([]);
  });
});

describe('the checker', () => {
  const fixture: Record<string, TableClass> = {
    owners: { kind: 'distributed', column: 'id', group: 'enterprise' },
    items: { kind: 'distributed', column: 'owner_id', group: 'enterprise' },
    bad_items: { kind: 'distributed', column: 'owner_id', group: 'enterprise' },
    codes: { kind: 'distributed', column: 'code', group: 'uscc' },
    kinds: { kind: 'reference' },
    people: { kind: 'local' },
  };
  let problems: string[];

  beforeAll(async () => {
    const db = handle.db;
    await sql`create schema scale_fixture`.execute(db);
    await sql`set search_path to scale_fixture`.execute(db);
    try {
      await sql`create table scale_fixture.kinds (code text primary key)`.execute(db);
      await sql`create table scale_fixture.people (id int primary key, kind text references scale_fixture.kinds)`.execute(
        db,
      );
      await sql`create table scale_fixture.owners (id bigint primary key, code text not null unique)`.execute(
        db,
      );
      await sql`create table scale_fixture.codes (code text primary key, owner_id bigint not null)`.execute(
        db,
      );
      await sql`create table scale_fixture.items (owner_id bigint not null references scale_fixture.owners,
        id bigint not null, kind text references scale_fixture.kinds, primary key (owner_id, id))`.execute(
        db,
      );
      await sql`create table scale_fixture.bad_items (owner_id bigint, id bigint primary key,
        item_id bigint, person int references scale_fixture.people, code text references scale_fixture.codes)`.execute(
        db,
      );
      await sql`alter table scale_fixture.bad_items add constraint bad_items_item_fkey
        foreign key (owner_id, item_id) references scale_fixture.items (id, owner_id)`.execute(db);
      await sql`create unique index bad_items_code_idx on scale_fixture.bad_items (code)`.execute(db);
      await sql`alter table scale_fixture.kinds add column owner bigint references scale_fixture.owners`.execute(
        db,
      );
      await sql`create function scale_fixture.nothing() returns trigger language plpgsql as
        $$ begin return new; end $$`.execute(db);
      await sql`create trigger items_touch before update on scale_fixture.items
        for each row execute function scale_fixture.nothing()`.execute(db);
      await sql`create trigger people_touch before update on scale_fixture.people
        for each row execute function scale_fixture.nothing()`.execute(db);
      await sql`create table scale_fixture.stray (id int)`.execute(db);
    } finally {
      await sql`set search_path to public`.execute(db);
    }
    problems = await scaleOutViolations(db, 'scale_fixture', (t) => fixture[t], [
      ...Object.keys(fixture),
      'gone',
    ]);
  });

  it('names a table without a class, and a class without a table', () => {
    expect(problems).toContain(
      'stray: has no class (distributed, reference or local; src/server/db/table-classes.ts)',
    );
    expect(problems).toContain('gone: classified, but there is no such table');
  });

  it('refuses a nullable distribution column, and a key or unique index leaving it out', () => {
    expect(problems).toContain('bad_items: distribution column owner_id may be NULL');
    expect(problems).toContain(
      'bad_items: primary key bad_items_pkey (id) leaves out the distribution column owner_id',
    );
    expect(problems).toContain(
      'bad_items: unique bad_items_code_idx (code) leaves out the distribution column owner_id',
    );
    expect(problems).toContain('owners: unique owners_code_key (code) leaves out the distribution column id');
  });

  it('refuses a trigger on a distributed or reference table, not on a local one', () => {
    expect(problems).toContain('items: trigger items_touch on a distributed table (Citus refuses it)');
    expect(problems.some((p) => p.includes('people_touch'))).toBe(false);
  });

  it('refuses foreign keys across classes and groups, and a colocated one not pairing the distribution columns', () => {
    expect(problems).toContain(
      'kinds: foreign key kinds_owner_fkey → owners: a reference table may point only to reference tables',
    );
    expect(problems).toContain(
      'people: foreign key people_kind_fkey → kinds: a local table may point only to local tables',
    );
    expect(problems).toContain(
      'bad_items: foreign key bad_items_person_fkey → people: only to reference tables or tables of its own group',
    );
    expect(problems).toContain(
      'bad_items: foreign key bad_items_code_fkey → codes: only to reference tables or tables of its own group',
    );
    expect(problems).toContain(
      "bad_items: foreign key bad_items_item_fkey → items pairs owner_id with id, not with items's distribution column owner_id",
    );
  });

  it('passes what follows the rules', () => {
    expect(problems.filter((p) => p.startsWith('items:'))).toEqual([
      'items: trigger items_touch on a distributed table (Citus refuses it)',
    ]);
    expect(problems.filter((p) => p.startsWith('codes:'))).toEqual([]);
  });
});
