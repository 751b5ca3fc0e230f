/** Set-based registry writes: upsert by USCC, figures as history, size classes, statistics roll-up. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/db.ts';
import { makeUscc } from '../../../reference/uscc.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import type { EnterpriseInput, YearlyFigures } from './registry.model.ts';
import { refreshSizeStats, subsetLiteral, writeEnterpriseBatch } from './registry.writes.ts';

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

  it('rolls sizes up by county, industry division and size', async () => {
    await refreshSizeStats(handle.db, [2025]);
    const stats = await handle.db.selectFrom('size_stats').selectAll().orderBy('size').execute();
    expect(stats).toEqual([
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
});

describe('array literal subsets', () => {
  it('picks elements of a literal, quotes, escapes, NULLs and numbers kept as they were', async () => {
    const literal = '{"a,b","c\\"d","e\\\\",NULL,12.5,"",-3}';
    expect(subsetLiteral(literal, [6, 0, 3, 1, 2, 5, 4])).toBe('{-3,"a,b",NULL,"c\\"d","e\\\\","",12.5}');
    expect(subsetLiteral('{}', [])).toBe('{}');
    expect(subsetLiteral('{1,2,3}', [])).toBe('{}');
  });
});
