/**
 * The scale-out migrations (issue 20, ADR 0025) carry existing data forward and back: a database at the shape
 * before them, holding rows, is migrated up (lookups and new key columns filled from what is there) and down again
 * (the old shape, the same rows). On PGlite and PostgreSQL alike.
 */
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../src/reference/uscc.ts';
import type { DatabaseHandle } from '../src/server/db/database.ts';
import { createTestDatabase, migrateTo } from './helpers/db.ts';

/** The last migration before the scale-out ones. */
const BEFORE = '20261208_0100_request_ids';

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
  handle = await createTestDatabase();
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
