/** Set-based registry writes: upsert by USCC, figures as history, size classes, statistics roll-up. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, untilASessionWaitsForALock } from '../../../../test/helpers/db.ts';
import { sizeStatsAsRead, sizeStatsFromSizes } from '../../../../test/helpers/registry-factories.ts';
import { makeUscc } from '../../../reference/uscc.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import type { EnterpriseInput, YearlyFigures } from './registry.model.ts';
import { compactRollup, countedSizes, rebuildSizeStats, SizeCounts } from './registry.rollups.ts';
import { allowBatchesSideBySide, subsetLiteral, writeEnterpriseBatch } from './registry.writes.ts';

const figures = (year: number, employees: number, revenue: number): YearlyFigures => ({
  year,
  employees,
  operatingRevenue: revenue,
  mainBusinessRevenue: null,
  totalAssets: 1000,
  totalLiabilities: null,
  rdExpense: null,
  rdStaff: null,
  taxableIncome: null,
  vatTaxpayerType: 'general',
});

function enterprise(i: number, overrides: Partial<EnterpriseInput> = {}): EnterpriseInput {
  return {
    uscc: makeUscc(`91320583MA${String(i).padStart(7, '0')}`),
    name: `昆山测试${i}号机械有限公司`,
    formerNames: [],
    legalRepresentative: '张三',
    regionCode: '320583',
    industryCode: 'C34',
    establishedOn: '2015-03-01',
    status: 'active',
    ownershipType: '私营',
    certifications: [{ name: '高新技术企业', validFrom: '2024-01-01', validTo: '2026-12-31' }],
    figures: figures(2025, 19, 5000),
    ...overrides,
  };
}

describe('registry writes', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle.close());

  it('inserts enterprises with figures and the size class and its reason', async () => {
    const outcome = await writeEnterpriseBatch(
      handle.db,
      [enterprise(1), enterprise(2, { figures: figures(2025, 20, 300) })],
      'test',
    );
    expect(outcome).toMatchObject({ inserted: 2, updated: 0, unchanged: 0, figuresAdded: 2 });
    const sizes = await handle.db
      .selectFrom('enterprise_sizes')
      .innerJoin('enterprises', 'enterprises.id', 'enterprise_sizes.enterprise_id')
      .select(['enterprises.name', 'enterprise_sizes.size', 'enterprise_sizes.reason_zh'])
      .orderBy('enterprises.name')
      .execute();
    expect(sizes.map((s) => s.size)).toEqual(['micro', 'small']);
    expect(sizes[0]?.reason_zh).toContain('19');
  });

  it('changes nothing when the same batch is written again', async () => {
    const before = await handle.db.selectFrom('enterprise_figures').select('id').execute();
    const outcome = await writeEnterpriseBatch(
      handle.db,
      [enterprise(1), enterprise(2, { figures: figures(2025, 20, 300) })],
      'test',
    );
    expect(outcome).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, figuresAdded: 0 });
    expect(await handle.db.selectFrom('enterprise_figures').select('id').execute()).toHaveLength(
      before.length,
    );
    const versions = await handle.db.selectFrom('enterprises').select('version').execute();
    expect(versions.every((v) => v.version === 1)).toBe(true);
  });

  it('keeps corrected figures as history and reclassifies', async () => {
    const outcome = await writeEnterpriseBatch(
      handle.db,
      [enterprise(1, { figures: figures(2025, 300, 2000) })],
      'correction',
    );
    expect(outcome.figuresAdded).toBe(1);
    const rows = await handle.db
      .selectFrom('enterprise_figures')
      .select(['employees', 'is_current', 'source'])
      .where(
        'enterprise_id',
        '=',
        (
          await handle.db
            .selectFrom('enterprises')
            .select('id')
            .where('uscc', '=', enterprise(1).uscc)
            .executeTakeFirstOrThrow()
        ).id,
      )
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { employees: 19, is_current: false, source: 'test' },
      { employees: 300, is_current: true, source: 'correction' },
    ]);
    const size = await handle.db
      .selectFrom('enterprise_sizes')
      .select('size')
      .where('year', '=', 2025)
      .orderBy('enterprise_id')
      .execute();
    expect(size.map((s) => s.size)).toEqual(['medium', 'small']);
  });

  it('rolls sizes up by county, industry division and size as it writes (signed deltas, folded by a compaction)', async () => {
    expect(await sizeStatsAsRead(handle.db)).toEqual([
      { cell: '2025/cn-2011/320583/C34/medium', n: 1 },
      { cell: '2025/cn-2011/320583/C34/small', n: 1 },
    ]);
    expect(await sizeStatsAsRead(handle.db)).toEqual(await sizeStatsFromSizes(handle.db));
    // The correction above moved one enterprise from small to medium: a -1 and a +1 beside the first counts.
    expect(await handle.db.selectFrom('size_stats').select('enterprises').execute()).not.toHaveLength(2);
    await compactRollup(handle.db, 'size_stats');
    expect(await handle.db.selectFrom('size_stats').selectAll().orderBy('size').execute()).toEqual([
      {
        year: 2025,
        standard: 'cn-2011',
        region_code: '320583',
        industry_code: 'C34',
        size: 'medium',
        enterprises: 1,
      },
      {
        year: 2025,
        standard: 'cn-2011',
        region_code: '320583',
        industry_code: 'C34',
        size: 'small',
        enterprises: 1,
      },
    ]);
  });

  it('rebuilds the roll-up of a year twice at once (two repairs together) to one set of rows', async () => {
    // The first rebuild holds its new rows uncommitted; the second waits for it, then replaces them (PostgreSQL;
    // on PGlite the second simply runs after the first).
    const stored = await handle.db.selectFrom('size_stats').selectAll().orderBy('size').execute();
    let rebuilt!: () => void;
    const isRebuilt = new Promise<void>((resolve) => (rebuilt = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = handle.db.transaction().execute(async (trx) => {
      await rebuildSizeStats(trx, [2025]);
      rebuilt();
      await gate;
    });
    await isRebuilt;
    const second = rebuildSizeStats(handle.db, [2025]);
    await untilASessionWaitsForALock(handle);
    release();
    await first;
    await second;
    expect(await handle.db.selectFrom('size_stats').selectAll().orderBy('size').execute()).toEqual(stored);
  });

  it('leaves an enterprise stored outside the import scope unchanged, judged on the row as stored when written', async () => {
    await writeEnterpriseBatch(handle.db, [enterprise(50)], 'test');
    const job = await handle.db
      .insertInto('import_jobs')
      .values({ kind: 'enterprises', file_name: 'scope.csv', mode: 'valid_rows', status: 'running' })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Another transaction moves the enterprise to another county and holds it while the import writes: the
    // import's check must see the move (PostgreSQL: its upsert waits for the row, then judges the new version).
    let moved!: () => void;
    const isMoved = new Promise<void>((resolve) => (moved = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const mover = handle.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .updateTable('enterprises')
        .set({ region_code: '320581' })
        .where('uscc', '=', enterprise(50).uscc)
        .returning('id')
        .executeTakeFirstOrThrow();
      // Its size classes move in the roll-up with it, as the registry's own writes move them.
      const counts = new SizeCounts();
      const sizes = (await countedSizes(trx, [id])).get(id) ?? [];
      counts.addAll(sizes, '320583', 'C34', -1);
      counts.addAll(sizes, '320581', 'C34', 1);
      await counts.write(trx);
      moved();
      await gate;
    });
    await isMoved;
    const writing = handle.db.transaction().execute((trx) =>
      writeEnterpriseBatch(
        trx,
        [
          enterprise(50, {
            name: '冒名改名机械有限公司',
            legalRepresentative: '李四',
            figures: figures(2025, 99, 99),
          }),
          enterprise(51),
        ],
        'import:scope',
        { jobId: job.id, rows: [2, 3], scope: '320583' },
      ),
    );
    // Release the mover only once the import waits for its row (PostgreSQL; on PGlite it runs after the mover).
    await untilASessionWaitsForALock(handle);
    release();
    await mover;
    expect(await writing).toMatchObject({ inserted: 1, updated: 0, unchanged: 0, outOfScope: [0] });
    const stored = await handle.db
      .selectFrom('enterprises as e')
      .innerJoin('enterprise_figures as f', 'f.enterprise_id', 'e.id')
      .select(['e.id', 'e.name', 'e.legal_representative', 'e.region_code', 'f.employees'])
      .where('e.uscc', '=', enterprise(50).uscc)
      .where('f.is_current', '=', true)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      name: enterprise(50).name,
      legal_representative: '张三',
      region_code: '320581',
      employees: 19,
    });
    const listed = await handle.db
      .selectFrom('import_job_enterprises as j')
      .innerJoin('enterprises as e', 'e.id', 'j.enterprise_id')
      .select(['e.uscc', 'j.row_number', 'j.change'])
      .where('j.job_id', '=', job.id)
      .execute();
    expect(listed).toEqual([{ uscc: enterprise(51).uscc, row_number: 3, change: 'created' }]);
  });

  it('creates one enterprise when two transactions write the same new USCC at once, its code claimed once', async () => {
    // The first holds its claim of the code uncommitted; the second's claim waits for it, then reads the first's
    // enterprise and updates it (PostgreSQL; on PGlite the second simply runs after the first).
    let claimed!: () => void;
    const isClaimed = new Promise<void>((resolve) => (claimed = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = handle.db.transaction().execute(async (trx) => {
      const outcome = await writeEnterpriseBatch(trx, [enterprise(60)], 'first');
      claimed();
      await gate;
      return outcome;
    });
    await isClaimed;
    const second = handle.db
      .transaction()
      .execute((trx) =>
        writeEnterpriseBatch(
          trx,
          [enterprise(60, { name: '昆山后写机械有限公司' }), enterprise(61)],
          'second',
        ),
      );
    await untilASessionWaitsForALock(handle);
    release();
    expect(await first).toMatchObject({ inserted: 1 });
    expect(await second).toMatchObject({ inserted: 1, updated: 1 });
    // Read apart: the lookup is distributed by the code, the enterprises by id (Citus joins neither way cheaply).
    const rows = await handle.db
      .selectFrom('enterprises')
      .select(['id', 'name'])
      .where('uscc', '=', enterprise(60).uscc)
      .execute();
    const claims = await handle.db
      .selectFrom('enterprise_usccs')
      .select('enterprise_id')
      .where('uscc', '=', enterprise(60).uscc)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.name).toBe('昆山后写机械有限公司');
    expect(claims.map((c) => Number(c.enterprise_id))).toEqual([Number(rows[0]?.id)]);
  });

  it('writes an earlier batch while a later one, already written, waits for it to commit (an import’s lanes)', async () => {
    // The later batch holds its transaction open until the earlier one is in, as an import's lanes commit in file
    // order. The earlier one must not wait for it (on Citus it would, for the shards the later one wrote).
    const job = await handle.db
      .insertInto('import_jobs')
      .values({ kind: 'enterprises', file_name: 'lanes.csv', mode: 'valid_rows', status: 'running' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const lane = (trx: Parameters<typeof allowBatchesSideBySide>[0], from: number, rows: number[]) =>
      allowBatchesSideBySide(trx).then(() =>
        writeEnterpriseBatch(
          trx,
          rows.map((i) => enterprise(i)),
          'import:lanes',
          { jobId: job.id, rows: rows.map((i) => i - from + 2), scope: '320583' },
        ),
      );
    let written!: () => void;
    const isWritten = new Promise<void>((resolve) => (written = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const later = handle.db.transaction().execute(async (trx) => {
      const outcome = await lane(trx, 70, [74, 75, 76, 77]);
      written();
      await gate;
      return outcome;
    });
    await isWritten;
    const earlier = handle.db.transaction().execute((trx) => lane(trx, 70, [70, 71, 72, 73]));
    if (handle.kind === 'postgres') {
      // Resolves with the earlier batch written, or with a session found waiting for a lock (it would wait forever).
      const stop = new AbortController();
      const first = await Promise.race([
        earlier.then(() => 'written'),
        untilASessionWaitsForALock(handle, stop.signal).then(() => 'waiting for a lock'),
      ]);
      stop.abort();
      release();
      expect(first).toBe('written');
    } else release(); // PGlite runs one transaction at a time: the earlier one after the later, nothing to wait for
    expect(await earlier).toMatchObject({ inserted: 4 });
    expect(await later).toMatchObject({ inserted: 4 });
    const stored = await handle.db
      .selectFrom('enterprises')
      .select('uscc')
      .where(
        'uscc',
        'in',
        [70, 71, 72, 73, 74, 75, 76, 77].map((i) => enterprise(i).uscc),
      )
      .execute();
    expect(stored).toHaveLength(8);
  });

  it('leaves the roll-up equal to the size classes after all of the above (scopes, races, lanes)', async () => {
    expect(await sizeStatsAsRead(handle.db)).toEqual(await sizeStatsFromSizes(handle.db));
  });

  it('records the day a write changes the status (China time), and keeps it while the status stays', async () => {
    const e = enterprise(901);
    await writeEnterpriseBatch(handle.db, [e], 'test');
    const read = () =>
      handle.db
        .selectFrom('enterprises')
        .select(['status', 'status_changed_on'])
        .where('uscc', '=', e.uscc)
        .executeTakeFirstOrThrow();
    expect(await read()).toEqual({ status: 'active', status_changed_on: null });
    await writeEnterpriseBatch(handle.db, [{ ...e, status: 'cancelled' }], 'test');
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    expect(await read()).toEqual({ status: 'cancelled', status_changed_on: today });
    await writeEnterpriseBatch(handle.db, [{ ...e, status: 'cancelled', name: `${e.name}（更名）` }], 'test');
    expect((await read()).status_changed_on).toBe(today);
  });
});

describe('array literal subsets', () => {
  it('picks elements of a literal, quotes, escapes, NULLs and numbers kept as they were', async () => {
    const literal = '{"a,b","c\\"d","e\\\\",NULL,12.5,"",-3}';
    expect(subsetLiteral(literal, [6, 0, 3, 1, 2, 5, 4])).toBe('{-3,"a,b",NULL,"c\\"d","e\\\\","",12.5}');
    expect(subsetLiteral('{}', [])).toBe('{}');
    expect(subsetLiteral('{1,2,3}', [])).toBe('{}');
  });
});
