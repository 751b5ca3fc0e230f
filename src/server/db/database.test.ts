/** The database layer: identical value types on both engines, and transactions that never leak into each other. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/db.ts';
import type { DatabaseHandle } from './database.ts';

describe('database layer', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle.close());

  it('returns the same JS types for int8, numeric, date, timestamptz and jsonb on both engines', async () => {
    const row = await sql<{
      n: unknown;
      big: unknown;
      amount: unknown;
      day: unknown;
      at: unknown;
      doc: unknown;
    }>`select count(*) as n, 9007199254740991::int8 as big, 123.45::numeric as amount,
         '2020-07-03'::date as day, '2020-07-03T04:05:06.789Z'::timestamptz as at, '{"a":[1,"x"]}'::jsonb as doc
       from regions`
      .execute(handle.db)
      .then((r) => r.rows[0]);
    expect(typeof row?.n).toBe('number');
    expect(row?.big).toBe(9007199254740991);
    expect(row?.amount).toBe(123.45);
    expect(row?.day).toBe('2020-07-03');
    expect(row?.at).toEqual(new Date('2020-07-03T04:05:06.789Z'));
    expect(row?.doc).toEqual({ a: [1, 'x'] });
  });

  it('refuses an int8 beyond the safe integer range instead of rounding it', async () => {
    await expect(sql`select 9007199254740993::int8 as big`.execute(handle.db)).rejects.toThrow(
      /safe integer/,
    );
  });

  it('never lets a rollback in one transaction undo another concurrent write', async () => {
    await sql`create table t_isolation (id int primary key, who text not null)`.execute(handle.db);
    let releaseA!: () => void;
    const aMayFinish = new Promise<void>((resolve) => {
      releaseA = resolve;
    });
    const a = handle.db.transaction().execute(async (trx) => {
      await sql`insert into t_isolation values (1, 'a')`.execute(trx);
      await aMayFinish;
      throw new Error('a fails and rolls back');
    });
    // b runs while a is open (PostgreSQL) or queues behind it (PGlite: one session, serialised).
    const b = handle.db.transaction().execute(async (trx) => {
      await sql`insert into t_isolation values (2, 'b')`.execute(trx);
    });
    const plain = sql`insert into t_isolation values (3, 'plain')`.execute(handle.db);
    // On PostgreSQL both finish while a is still open; on PGlite they wait for a's turn to end.
    if (handle.kind === 'postgres') await Promise.all([b, plain]);
    releaseA();
    await expect(a).rejects.toThrow('a fails');
    await b;
    await plain;
    const rows = await sql<{ id: number }>`select id from t_isolation order by id`.execute(handle.db);
    expect(rows.rows.map((r) => r.id)).toEqual([2, 3]);
  });

  it('keeps a failed statement inside one transaction from poisoning the next caller', async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await sql`select 1 / 0`.execute(trx);
      }),
    ).rejects.toThrow();
    const ok = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
    expect(ok.rows[0]?.one).toBe(1);
  });
});
