/**
 * The registry-wide scoring (issue 18): each enterprise's stored result of each tier is what `assess` gives on the
 * same facts (and what its own page shows live); a run again changes nothing; a run cut off after a batch and run
 * again ends as one uninterrupted run; a region prefix limits it; the job is queued by a province's official or an
 * admin, audited, and its state read.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/db.ts';
import { aUscc, aUser } from '../../../../test/helpers/factories.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import type { Actor, Caller } from '../../http/auth.ts';
import { listAudit } from '../audit/index.ts';
import { prng } from '../demo/index.ts';
import { JOB_KINDS, runDueJobs } from '../jobs/index.ts';
import { writeEnterpriseBatch } from '../registry/index.ts';
import { assessAll, enterpriseFacts } from './cultivation.assess.ts';
import {
  assess,
  assessTiers,
  compileStandard,
  compileTiers,
  type EnterpriseFacts,
} from './cultivation.rules.ts';
import {
  cultivationScoringHandler,
  factClasses,
  missingCounter,
  queueScoring,
  type ScoringProgress,
  scoreRegistry,
  scoringStatus,
  standardsInForce,
} from './cultivation.scoring.ts';
import {
  band,
  excl,
  findCultivationStandard,
  incl,
  PRODUCT_FIELDS,
  type ProvinceIndicatorSet,
  QUALITY_ITEMS,
  RD_INSTITUTION_LEVELS,
} from './cultivation.standards.ts';

const ON = '2026-12-07';
const DATA_YEAR = 2025;
const TIERS = ['innovative', 'specialised', 'little_giant'] as const;

/** Zhejiang's 特色化 indicators of 2026 (the specialised standard's dimension of 15 points). */
const ZHEJIANG: Omit<ProvinceIndicatorSet, 'province'> = {
  standardId: '2022-specialised',
  indicators: [
    {
      id: 'export_share',
      zh: '出口额占比',
      en: 'Export share',
      unit: { zh: '%', en: '%' },
      max: 10,
      bands: [band(10, incl(20), null), band(5, incl(10), excl(20)), band(0, null, excl(10))],
    },
    {
      id: 'cluster',
      zh: '属于本省特色产业集群',
      en: 'In a provincial cluster',
      unit: { zh: '', en: '' },
      max: 5,
      bands: [band(5, incl(1), null), band(0, null, excl(1))],
    },
  ],
};

interface Figures {
  employees?: number;
  rdStaff?: number;
  operatingRevenue?: number;
  mainBusinessRevenue?: number;
  totalAssets?: number;
  totalLiabilities?: number;
  rdExpense?: number;
}

interface Made {
  id: number;
  region: string;
}

/**
 * Facts of every kind drawn in two steps: `shape` (seeded by one of a few shapes) decides which facts are unknown and
 * each one's class (0 and below or not; yes or no; a rank or 'none'; a list empty or not), `random` the
 * values within it (a number under 1 or not among them) — so that many enterprises share a shape with other values, as the counter's keys do.
 */
function randomFacts(random: () => number, shape: () => number): EnterpriseFacts {
  const pick = <T>(list: readonly T[], r: () => number = random): T =>
    list[Math.floor(r() * list.length)] as T;
  const maybe = <T>(value: () => T): T | null => (shape() < 0.3 ? null : value());
  // The class of a number is partly the shape's (0 and below or not), partly the value's (under 1 or not).
  const amount = () =>
    shape() < 0.25 ? pick([-50, 0]) : pick([0.5, 1, 3, 50, 99, 100, 150, 500, 1000, 2500, 8000, 12000]);
  const count = () => (shape() < 0.3 ? 0 : pick([0.5, 1, 2, 3]));
  const yes = () => shape() < 0.5;
  const rank = () => (shape() < 0.5 ? 'none' : pick([1, 3, 4, 7, 9]));
  return {
    employees: maybe(amount),
    rdStaff: maybe(amount),
    operatingRevenue: maybe(amount),
    operatingRevenuePrev: maybe(amount),
    mainBusinessRevenue: maybe(amount),
    mainBusinessRevenuePrev: maybe(amount),
    mainBusinessRevenuePrev2: maybe(amount),
    totalAssets: maybe(amount),
    totalLiabilities: maybe(amount),
    netProfit: maybe(amount),
    rdExpense: maybe(amount),
    rdExpensePrev: maybe(amount),
    certifications:
      shape() < 0.1
        ? null
        : shape() < 0.4
          ? []
          : pick([['创新型中小企业'], ['高新技术企业', '专精特新中小企业']]),
    nicheYears: maybe(() => (shape() < 0.2 ? 0 : pick([1, 2, 3, 5, 11]))),
    ipClassIHighValue: maybe(count),
    ipClassISelfDeveloped: maybe(count),
    ipClassIOther: maybe(count),
    ipClassII: maybe(count),
    ipClassIInUse: maybe(count),
    rdInstitution: maybe(() => pick(RD_INSTITUTION_LEVELS)),
    digitalLevel: maybe(() => (shape() < 0.2 ? 0 : pick([1, 2, 3, 4]))),
    qualityItems: maybe(() =>
      shape() < 0.3 ? [] : QUALITY_ITEMS.filter((_, i) => i === 0 || random() < 0.4),
    ),
    productField: maybe(() => pick(PRODUCT_FIELDS)),
    inStrategicCatalogue: maybe(yes),
    nationalAwardRank: maybe(rank),
    provincialAwardRank: maybe(rank),
    makerChinaTop500: maybe(yes),
    newEquity2y: maybe(amount),
    newEquity3y: maybe(amount),
    informationSystems: maybe(yes),
    certifiedManagement: maybe(yes),
    nationalMarketShare: maybe(() => (shape() < 0.2 ? 0 : pick([5, 10, 30]))),
    keyChainLink: maybe(yes),
    priorityField: maybe(yes),
    provinceIndicators: maybe(() => ({
      ...(shape() < 0.7 ? { export_share: pick([0, 10, 25]) } : {}),
      ...(shape() < 0.7 ? { cluster: pick([0, 1]) } : {}),
    })),
  };
}

describe('the count of missing facts kept by the facts’ classes', () => {
  it('is what each assessment names missing, over 8,000 seeded enterprises of 60 shapes, with and without a province set', () => {
    const random = prng(18);
    const count = missingCounter();
    const standards = standardsInForce(ON);
    const tiersOf = [compileTiers(standards), compileTiers(standards, [{ ...ZHEJIANG, province: '330000' }])];
    const shapes = new Set<string>();
    let checked = 0;
    for (let i = 0; i < 8_000; i++) {
      const facts = randomFacts(random, prng(1000 + (i % 60)));
      const tiers = tiersOf[Math.floor(i / 60) % 2] as (typeof tiersOf)[number];
      const classes = factClasses(facts);
      shapes.add(classes);
      assessTiers(tiers, facts).forEach((assessment, t) => {
        const compiled = tiers.tiers[t] as (typeof tiers.tiers)[number];
        // A fresh assessment of the same facts writes its own texts.
        const fresh = assess(compiled, facts).missing.length;
        expect(count(compiled, facts, classes, assessment), `${i} ${compiled.standard.id}`).toBe(fresh);
        checked++;
      });
    }
    expect(checked).toBe(24_000);
    // The same classes again and again (their counts kept), not new ones each time.
    expect(shapes.size).toBeLessThan(4_000);
  });
});

describe('scoring the registry for the cultivation tiers', () => {
  let handle: DatabaseHandle;
  const made: Made[] = [];
  let jiangsu: Made;
  let zhejiang: Made;

  /** An enterprise with its figures of some years, recognitions and own facts of the data year. */
  async function anEnterprise(
    region: string,
    years: Record<number, Figures>,
    certifications: { name: string; validFrom: string; validTo: string | null }[],
    own: Record<string, unknown> | null,
  ): Promise<Made> {
    const db = handle.db;
    const uscc = aUscc(region);
    const write = (year: number | null, f: Figures) =>
      writeEnterpriseBatch(
        db,
        [
          {
            uscc,
            name: `培育测试企业${made.length + 1}有限公司`,
            formerNames: [],
            legalRepresentative: '张三',
            regionCode: region,
            industryCode: 'C34',
            establishedOn: '2015-06-01',
            status: 'active',
            ownershipType: '私营',
            certifications,
            figures:
              year === null
                ? null
                : {
                    year,
                    employees: f.employees ?? null,
                    operatingRevenue: f.operatingRevenue ?? null,
                    mainBusinessRevenue: f.mainBusinessRevenue ?? null,
                    totalAssets: f.totalAssets ?? null,
                    totalLiabilities: f.totalLiabilities ?? null,
                    rdExpense: f.rdExpense ?? null,
                    rdStaff: f.rdStaff ?? null,
                    taxableIncome: null,
                    vatTaxpayerType: null,
                  },
          },
        ],
        'test',
      );
    const entries = Object.entries(years);
    if (entries.length === 0) await write(null, {});
    for (const [year, f] of entries) await write(Number(year), f);
    const { rows } = await sql<{ id: number }>`select id from enterprises where uscc = ${uscc}`.execute(db);
    const id = Number(rows[0]?.id);
    if (own !== null)
      await sql`insert into cultivation_facts (enterprise_id, year, facts, updated_at)
        values (${id}, ${DATA_YEAR}, ${JSON.stringify(own)}::jsonb, now())`.execute(db);
    const m = { id, region };
    made.push(m);
    return m;
  }

  const A_FIGURES: Record<number, Figures> = {
    2023: { operatingRevenue: 5200, mainBusinessRevenue: 5000 },
    2024: { operatingRevenue: 6000, mainBusinessRevenue: 5500, rdExpense: 200 },
    2025: {
      employees: 100,
      rdStaff: 15,
      operatingRevenue: 8000,
      mainBusinessRevenue: 6000,
      totalAssets: 5000,
      totalLiabilities: 2500,
      rdExpense: 320,
    },
  };
  const A_OWN = {
    netProfit: 600,
    nicheYears: 5,
    ipClassISelfDeveloped: 2,
    ipClassII: 3,
    ipClassIInUse: 1,
    rdInstitution: 'provincial',
    digitalLevel: 2,
    qualityItems: ['own_brand', 'quality_system_certification'],
    productField: 'other',
    inStrategicCatalogue: false,
    nationalAwardRank: 'none',
    provincialAwardRank: 'none',
    makerChinaTop500: false,
    newEquity2y: 0,
    newEquity3y: 0,
    informationSystems: true,
    certifiedManagement: true,
    nationalMarketShare: 5,
    keyChainLink: false,
    priorityField: true,
  } as const;

  const rows = async () =>
    (
      await sql<{
        enterprise_id: number;
        tier: string;
        standard_version: string;
        data_year: number;
        status: string;
        score: number | null;
        dimensions: Record<string, number>;
        missing: number;
        computed_at: Date;
      }>`select * from cultivation_scores order by enterprise_id, tier`.execute(handle.db)
    ).rows.map((r) => ({ ...r, enterprise_id: Number(r.enterprise_id) }));
  const withoutTime = (list: Awaited<ReturnType<typeof rows>>) => list.map(({ computed_at: _, ...r }) => r);

  beforeAll(async () => {
    handle = await createTestDatabase();
    const db = handle.db;
    await sql`insert into cultivation_settings (province_code, tier, year, indicators, updated_at)
      values ('330000', 'specialised', 2026, ${JSON.stringify([ZHEJIANG])}::jsonb, now())`.execute(db);
    jiangsu = await anEnterprise(
      '320583',
      A_FIGURES,
      [{ name: '创新型中小企业', validFrom: '2024-06-01', validTo: '2027-05-31' }],
      A_OWN,
    );
    zhejiang = await anEnterprise(
      '330106',
      A_FIGURES,
      [
        { name: '创新型中小企业', validFrom: '2024-06-01', validTo: '2027-05-31' },
        // Lapsed before the day: not held.
        { name: '高新技术企业', validFrom: '2020-01-01', validTo: '2023-12-31' },
      ],
      { ...A_OWN, provinceIndicators: { export_share: 25, cluster: 1 } },
    );
    // Nothing but the registration.
    await anEnterprise('110101', {}, [], null);
    // Seeded variations across three provinces: figures of one to three years, some recognitions, some own facts.
    for (let i = 0; i < 14; i++) {
      const region = ['320583', '330106', '110101'][i % 3] as string;
      const years: Record<number, Figures> = {};
      for (let y = 2025; y > 2025 - (1 + (i % 3)); y--)
        years[y] = {
          employees: 20 + i * 7,
          rdStaff: i % 5,
          operatingRevenue: 900 + i * 650 + (2025 - y) * 100,
          mainBusinessRevenue: 700 + i * 600 - (2025 - y) * (i % 4) * 40,
          totalAssets: 1000 + i * 300,
          totalLiabilities: 300 + i * 150,
          rdExpense: 10 + i * 30,
        };
      const certifications =
        i % 4 === 0 ? [{ name: '高新技术企业', validFrom: '2025-01-01', validTo: null }] : [];
      const own =
        i % 5 === 4
          ? null
          : {
              nicheYears: i % 7,
              ipClassIOther: i % 3,
              ipClassII: i % 2,
              rdInstitution: (['none', 'city', 'provincial', 'national'] as const)[i % 4],
              digitalLevel: i % 5,
              inStrategicCatalogue: i % 2 === 0,
              netProfit: 50 + i * 20,
              ...(region === '330106' ? { provinceIndicators: { export_share: i * 3, cluster: i % 2 } } : {}),
            };
      await anEnterprise(region, years, certifications, own);
    }
  });
  afterAll(() => handle.close());

  it('writes for each enterprise and tier what assess gives on the same facts, and its page shows', async () => {
    const result = await scoreRegistry(handle.db, { onDate: ON, batchSize: 5 });
    expect(result.enterprises).toBe(made.length);
    expect(result.changed).toBe(made.length * 3);
    const stored = await rows();
    expect(stored).toHaveLength(made.length * 3);

    // The known enterprises, their facts written out by hand.
    const handFacts = (own: Record<string, unknown>): EnterpriseFacts => ({
      ...(own as EnterpriseFacts),
      employees: 100,
      rdStaff: 15,
      operatingRevenue: 8000,
      operatingRevenuePrev: 6000,
      mainBusinessRevenue: 6000,
      mainBusinessRevenuePrev: 5500,
      mainBusinessRevenuePrev2: 5000,
      totalAssets: 5000,
      totalLiabilities: 2500,
      rdExpense: 320,
      rdExpensePrev: 200,
      certifications: ['创新型中小企业'],
    });
    for (const [enterprise, facts, set] of [
      [jiangsu, handFacts(A_OWN), null],
      [zhejiang, handFacts({ ...A_OWN, provinceIndicators: { export_share: 25, cluster: 1 } }), ZHEJIANG],
    ] as const) {
      for (const tier of TIERS) {
        const standard = findCultivationStandard(tier, ON);
        if (!standard) throw new Error(`no standard of ${tier}`);
        const expected = assess(
          compileStandard(
            standard,
            set && standard.id === set.standardId ? { ...set, province: '330000' } : null,
          ),
          facts,
        );
        const row = stored.find((r) => r.enterprise_id === enterprise.id && r.tier === tier);
        expect(row, `${enterprise.region} ${tier}`).toMatchObject({
          standard_version: standard.id,
          data_year: DATA_YEAR,
          status: expected.status,
          score: standard.score === null ? null : expected.total,
          dimensions: Object.fromEntries(expected.dimensions.map((d) => [d.id, d.points])),
          missing: expected.missing.length,
        });
      }
    }
    // The province's set counts where it has one: Zhejiang's 特色化 dimension scores its 15 points, Jiangsu's is unset.
    const specialised = (e: Made) => stored.find((r) => r.enterprise_id === e.id && r.tier === 'specialised');
    expect(Object.values(specialised(zhejiang)?.dimensions ?? {})).toContain(15);
    expect((specialised(zhejiang)?.missing ?? 0) < (specialised(jiangsu)?.missing ?? 0)).toBe(true);

    // Every enterprise as its own page assesses it live.
    for (const enterprise of made) {
      const { facts, provinceCode } = await enterpriseFacts(handle.db, enterprise.id, ON);
      for (const live of await assessAll(handle.db, facts, provinceCode, ON)) {
        const a = live.assessment;
        if (!a) throw new Error('no assessment');
        expect(
          stored.find((r) => r.enterprise_id === enterprise.id && r.tier === live.tier.code),
          `${enterprise.id} ${live.tier.code}`,
        ).toMatchObject({
          status: a.status,
          score: live.standard?.score === null ? null : a.total,
          dimensions: Object.fromEntries(a.dimensions.map((d) => [d.id, d.points])),
          missing: a.missing.length,
        });
      }
    }
    // Not all alike: the facts decide.
    expect(new Set(stored.map((r) => r.status)).size).toBeGreaterThan(1);
    expect(result.tiers.map((t) => t.likely + t.unlikely + t.incomplete)).toEqual([
      made.length,
      made.length,
      made.length,
    ]);
  });

  it('run again, changes nothing; a changed fact changes that enterprise’s rows alone', async () => {
    const before = await rows();
    const again = await scoreRegistry(handle.db, { onDate: ON, batchSize: 5 });
    expect(again.changed).toBe(0);
    expect(await rows()).toEqual(before);

    // The enterprise gives R&D institution "none" instead of provincial: the innovative direct condition is lost.
    await sql`update cultivation_facts set facts = facts || '{"rdInstitution": "none", "nicheYears": 1}'::jsonb
      where enterprise_id = ${jiangsu.id} and year = ${DATA_YEAR}`.execute(handle.db);
    const third = await scoreRegistry(handle.db, { onDate: ON, batchSize: 5 });
    expect(third.changed).toBeGreaterThan(0);
    const after = await rows();
    const moved = after.filter((r, i) => r.computed_at.getTime() !== before[i]?.computed_at.getTime());
    expect(moved.length).toBe(third.changed);
    expect(new Set(moved.map((r) => r.enterprise_id))).toEqual(new Set([jiangsu.id]));
  });

  it('a run cut off after its first batch, run again, ends as one uninterrupted run', async () => {
    const whole = withoutTime(await rows());
    await sql`delete from cultivation_scores`.execute(handle.db);
    const controller = new AbortController();
    const seen: ScoringProgress[] = [];
    await expect(
      scoreRegistry(
        handle.db,
        { onDate: ON, batchSize: 4 },
        async (p) => {
          seen.push(p);
          controller.abort();
        },
        controller.signal,
      ),
    ).rejects.toThrow();
    expect(seen).toHaveLength(1);
    const cut = await rows();
    // The first batch is written whole, nothing after it.
    expect(cut).toHaveLength(4 * 3);
    expect(Math.max(...cut.map((r) => r.enterprise_id))).toBe(seen[0]?.lastId);

    const resumed = await scoreRegistry(handle.db, { onDate: ON, batchSize: 4 });
    expect(resumed.changed).toBe((made.length - 4) * 3);
    expect(withoutTime(await rows())).toEqual(whole);
  });

  it('a region prefix scores that region’s enterprises alone', async () => {
    await sql`delete from cultivation_scores`.execute(handle.db);
    const result = await scoreRegistry(handle.db, { onDate: ON, regionPrefix: '33', batchSize: 3 });
    const inZhejiang = made.filter((m) => m.region.startsWith('33')).map((m) => m.id);
    expect(result.enterprises).toBe(inZhejiang.length);
    const stored = await rows();
    expect(new Set(stored.map((r) => r.enterprise_id))).toEqual(new Set(inZhejiang));
    expect(stored).toHaveLength(inZhejiang.length * 3);
  });

  it('a run on a day of another year rewrites every row with its data year; a day before any standard removes them', async () => {
    await scoreRegistry(handle.db, { onDate: ON, batchSize: 5 });
    const next = await scoreRegistry(handle.db, { onDate: '2027-03-01', batchSize: 5 });
    expect(next.changed).toBe(made.length * 3);
    expect(new Set((await rows()).map((r) => r.data_year))).toEqual(new Set([2026]));
    const before = await scoreRegistry(handle.db, { onDate: '2022-05-31', batchSize: 5 });
    expect(before).toMatchObject({ enterprises: made.length, changed: 0, tiers: [] });
    expect(await rows()).toEqual([]);
  });

  it('is queued by an official of a province or an admin (audited), run as a job, its state read', async () => {
    const db = handle.db;
    const actor = async (role: 'official' | 'admin', region: string | null): Promise<Caller> => {
      const user = await aUser(
        db,
        role === 'official' ? { role, regionCode: region as string, departmentCode: 'sme' } : { role },
      );
      const a: Actor = {
        userId: user.id,
        username: user.username,
        displayName: user.username,
        role,
        enterpriseId: null,
        institutionId: null,
        regionCode: region,
        regionPrefix:
          region === null ? null : region.endsWith('0000') ? region.slice(0, 2) : region.slice(0, 4),
        departmentCode: role === 'official' ? 'sme' : null,
        organizationUscc: null,
        locale: 'zh-CN',
      };
      return { actor: a, requestId: 'test-request' };
    };
    const province = await actor('official', '330000');
    const city = await actor('official', '330100');
    const admin = await actor('admin', null);

    await expect(queueScoring(db, city, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(queueScoring(db, province, { regionCode: '320583' })).rejects.toMatchObject({
      code: 'OUT_OF_SCOPE',
    });
    await sql`delete from cultivation_scores`.execute(db);
    const queued = await queueScoring(db, province, {});
    expect(queued).toMatchObject({ regionCode: '330000', status: 'queued', counts: null });
    // Asked again while queued: the same job.
    expect((await queueScoring(db, province, {})).id).toBe(queued.id);
    const { items } = await listAudit(db, { action: 'cultivation.scoring_queued', page: 1, pageSize: 10 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ targetId: String(queued.id), summary: { regionCode: '330000' } });

    await runDueJobs(db, { [JOB_KINDS.cultivationScoring]: cultivationScoringHandler() });
    const done = await scoringStatus(db, province, queued.id);
    const inZhejiang = made.filter((m) => m.region.startsWith('33')).length;
    expect(done).toMatchObject({ status: 'succeeded', startedBy: expect.any(String) });
    expect(done.counts).toMatchObject({ enterprises: inZhejiang, changed: inZhejiang * 3, prefix: '33' });
    await expect(scoringStatus(db, city, queued.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await scoringStatus(db, admin, queued.id)).id).toBe(queued.id);

    // An admin's national run.
    const national = await queueScoring(db, admin, {});
    expect(national.regionCode).toBe('');
    await expect(scoringStatus(db, province, national.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await runDueJobs(db, { [JOB_KINDS.cultivationScoring]: cultivationScoringHandler() });
    expect((await scoringStatus(db, admin, national.id)).counts).toMatchObject({
      enterprises: made.length,
      changed: (made.length - inZhejiang) * 3,
    });
  });
});
