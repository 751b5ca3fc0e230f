/**
 * The scale-out migrations (issue 20, ADR 0025) carry existing data forward and back: a database at the shape
 * before them, holding rows, is migrated up (lookups and new key columns filled from what is there) and down again
 * (the old shape, the same rows). On PGlite and PostgreSQL alike; on Citus on plain tables, since down() on
 * distributed ones is refused (migrate.ts): the last tests distribute them and see it refused.
 */
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../src/reference/uscc.ts';
import type { DatabaseHandle } from '../src/server/db/database.ts';
import { citusTables, distributeTables } from '../src/server/db/distribute.ts';
import { LAST_DOWN_FOR_PLAIN_TABLES, migrateDownRefusal, migrateTo } from '../src/server/db/migrate.ts';
import { migrations } from '../src/server/db/migrations/index.ts';
import { CITUS_WORKERS } from './helpers/citus.ts';
import { createTestDatabase } from './helpers/db.ts';

/** The last migration before the scale-out ones. */
const BEFORE = '20261208_0100_request_ids';
const LATEST = Object.keys(migrations).sort().at(-1);

let handle: DatabaseHandle;
// biome-ignore lint/suspicious/noExplicitAny: the tables are in the shapes of other migrations than the latest
let db: Kysely<any>;

async function constraintsOf(table: string): Promise<string[]> {
  const rows = await sql<{ def: string }>`
    select pg_get_constraintdef(oid) as def from pg_constraint where conrelid = ${table}::regclass
    order by 1`.execute(db);
  return rows.rows.map((r) => r.def);
}

const USCC_A = makeUscc('91320583MA0000001');
const USCC_B = makeUscc('91320583MA0000002');

beforeAll(async () => {
  handle = await createTestDatabase({ citus: { distribute: false } });
  db = handle.db;
  await migrateTo(db, BEFORE);
  // Rows in the shape before the scale-out migrations.
  await sql`insert into enterprises (id, uscc, name, region_code, industry_code) overriding system value
    values (11, ${USCC_A}, '甲公司', '320583', 'C34'), (12, ${USCC_B}, '乙公司', '320583', 'C34')`.execute(
    db,
  );
  await sql`insert into enterprise_certifications (id, enterprise_id, name, valid_from, source)
    overriding system value values (21, 11, '高新技术企业', '2024-01-01', 'test')`.execute(db);
  await sql`insert into users (id, username, password_hash, display_name, role, enterprise_id)
    overriding system value values (31, 'a-user', 'x', '甲', 'enterprise', 11)`.execute(db);
  await sql`insert into qualification_evidence (id, enterprise_id, certification_id, stage, storage_key, file_name,
      content_type, size_bytes, sha256, uploaded_by) overriding system value
    values (41, 11, 21, 'added', 'k1', 'a.pdf', 'application/pdf', 3, ${'a'.repeat(64)}, 31)`.execute(db);
  await sql`insert into enterprise_figures (id, enterprise_id, year, employees, source, recorded_by)
    overriding system value values (51, 12, 2025, 19, 'test', 31)`.execute(db);
  await migrateTo(db, 'latest');
});
afterAll(async () => {
  await handle.close();
});

describe('up', () => {
  it('fills the USCC lookup from the enterprises', async () => {
    const rows = await db.selectFrom('enterprise_usccs').selectAll().orderBy('enterprise_id').execute();
    expect(rows.map((r) => [r.uscc, Number(r.enterprise_id)])).toEqual([
      [USCC_A, 11],
      [USCC_B, 12],
    ]);
  });

  it("keys the enterprise's rows by enterprise and drops the constraints Citus cannot hold", async () => {
    expect(await constraintsOf('enterprises')).not.toContain('UNIQUE (uscc)');
    expect(await constraintsOf('enterprise_certifications')).toContain('PRIMARY KEY (enterprise_id, id)');
    expect(await constraintsOf('enterprise_figures')).toContain('PRIMARY KEY (enterprise_id, id)');
    expect(await constraintsOf('qualification_evidence')).toEqual(
      expect.arrayContaining([
        'PRIMARY KEY (enterprise_id, id)',
        'UNIQUE (enterprise_id, storage_key)',
        'FOREIGN KEY (enterprise_id, certification_id) REFERENCES enterprise_certifications(enterprise_id, id)',
      ]),
    );
    expect((await constraintsOf('users')).filter((c) => c.startsWith('FOREIGN KEY'))).toEqual([]);
  });

  it('keeps every row', async () => {
    expect(
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from qualification_evidence where certification_id = 21`.execute(db)
      ).rows[0]?.n,
    ).toBe(1);
    expect(
      (await db.selectFrom('enterprise_figures').select('employees').execute()).map((r) => r.employees),
    ).toEqual([19]);
  });
});

describe('down', () => {
  beforeAll(async () => {
    await migrateTo(db, BEFORE);
  });
  afterAll(async () => {
    await migrateTo(db, 'latest');
  });

  it('restores the old shape, rows kept', async () => {
    expect(await constraintsOf('enterprises')).toContain('UNIQUE (uscc)');
    expect(await constraintsOf('qualification_evidence')).toEqual(
      expect.arrayContaining([
        'PRIMARY KEY (id)',
        'UNIQUE (storage_key)',
        'FOREIGN KEY (certification_id) REFERENCES enterprise_certifications(id)',
      ]),
    );
    expect(await constraintsOf('users')).toContain('FOREIGN KEY (enterprise_id) REFERENCES enterprises(id)');
    const exists = await sql<{ t: string | null }>`select to_regclass('enterprise_usccs')::text as t`.execute(
      db,
    );
    expect(exists.rows[0]?.t).toBeNull();
    expect(
      (await db.selectFrom('enterprises').select('uscc').orderBy('id').execute()).map((r) => r.uscc),
    ).toEqual([USCC_A, USCC_B]);
  });

  it('refuses to delete an enterprise again, as before', async () => {
    await expect(sql`delete from enterprises where id = 12`.execute(db)).rejects.toThrow(/never deleted/);
  });
});

/** The newest migration applied. */
async function newestApplied(): Promise<string | undefined> {
  const rows = await sql<{
    name: string;
  }>`select name from kysely_migration order by name desc limit 1`.execute(db);
  return rows.rows[0]?.name;
}

describe('migrating down once the tables are distributed', () => {
  beforeAll(async () => {
    // What `huiqi migrate` does on a Citus coordinator; without Citus nothing is held and nothing is refused.
    if (CITUS_WORKERS.length > 0) await distributeTables(db, 4);
  });

  it('refuses only a target before the last down() for plain tables, and only while Citus holds tables', () => {
    const held = ['enterprises', 'regions'];
    expect(migrateDownRefusal(BEFORE, held)).toMatch(
      /^Migrating down to 20261208_0100_request_ids would run the down\(\) of 20261209_0300_notices_scale_out .*refused while Citus holds 2 tables \(enterprises, regions\)\..*pg_dump/,
    );
    expect(migrateDownRefusal(BEFORE, [])).toBeNull();
    expect(migrateDownRefusal(LAST_DOWN_FOR_PLAIN_TABLES, held)).toBeNull();
    expect(migrateDownRefusal('latest', held)).toBeNull();
  });

  it('still migrates down to that last one and up again (the matching working table dropped, made again)', async () => {
    await migrateTo(db, LAST_DOWN_FOR_PLAIN_TABLES);
    const dropped = await sql<{
      t: string | null;
    }>`select to_regclass('policy_match_candidates')::text as t`.execute(db);
    expect(dropped.rows[0]?.t).toBeNull();
    await migrateTo(db, 'latest');
    if (CITUS_WORKERS.length > 0) await distributeTables(db, 4);
    expect(await newestApplied()).toBe(LATEST);
  });

  it('refuses to go down past it on distributed tables before anything runs; without Citus it goes down', async () => {
    const held = await citusTables(db);
    if (CITUS_WORKERS.length > 0) {
      expect(held).toEqual(expect.arrayContaining(['enterprises', 'enterprise_usccs', 'regions']));
      await expect(migrateTo(db, BEFORE)).rejects.toThrow(
        `refused while Citus holds ${held.length} tables (case_attachments, case_events, case_numbers, …)`,
      );
      expect(await newestApplied()).toBe(LATEST);
      expect(await citusTables(db)).toEqual(held);
    } else {
      expect(held).toEqual([]);
      await migrateTo(db, BEFORE);
      expect(await constraintsOf('enterprises')).toContain('UNIQUE (uscc)');
      await migrateTo(db, 'latest');
    }
  });
});
