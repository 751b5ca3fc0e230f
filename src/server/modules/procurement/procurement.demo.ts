/**
 * The demo's procurement (issue 17): the county registers a buying body, whose buyer plans this year's projects —
 * one reserved whole, one reserving its share, one reserving too little (a shortfall to see), one not suited to
 * SMEs (price deductions only), works reserved whole — and records awards: a small supplier whose declaration
 * agrees with the registry, a declaration the size standard contradicts (flagged), and a large winner
 * subcontracting to small firms. Last year's plan is smaller (two projects, both awarded, no flags) and its annual
 * report is published, so the public reports list and the buyer's home have one to show. Through the module's own
 * services, so every rule, roll-up and report snapshot applies.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Caller } from '../../http/auth.ts';
import { enterpriseFactsSql, latestSizeYear } from '../registry/index.ts';
import { recordAward } from './procurement.awards.ts';
import { createBody } from './procurement.bodies.ts';
import { createProject } from './procurement.plan.ts';
import { generateReport, publishReport } from './procurement.reports.ts';

export interface ProcurementDemoInput {
  /** The county official who registers the body. */
  official: Caller;
  /** The body's buyer. */
  buyer: Caller;
  body: { uscc: string; name: string; regionCode: string };
  today: string;
}

/** Registered enterprises of the body's county of one size class, with last year's figures. */
async function suppliers(db: Kysely<Database>, regionCode: string, size: string, year: number) {
  const { rows } = await sql<{
    uscc: string;
    name: string;
    industry_code: string;
    employees: number | null;
    operating_revenue: string | null;
    total_assets: string | null;
  }>`
    select e.uscc, e.name, e.industry_code, f.employees, f.operating_revenue::text, f.total_assets::text
    from ${enterpriseFactsSql.enterprises()} e
    join ${enterpriseFactsSql.sizes('cn-2011', year)} z on z.enterprise_id = e.id
    join ${enterpriseFactsSql.figures(year)} f on f.enterprise_id = e.id
    where e.region_code = ${regionCode} and e.status = 'active' and z.size = ${size}
      and f.employees is not null and f.operating_revenue is not null
    order by e.id limit 2`.execute(db);
  return rows;
}

export async function seedProcurementDemo(db: Kysely<Database>, input: ProcurementDemoInput): Promise<void> {
  await createBody(db, input.official, { ...input.body, kind: 'government' });
  const year = Number(input.today.slice(0, 4));
  // This year's days, none after today (an award or a 声明函 dated later is refused): early in the year, today.
  const day = (monthDay: string) =>
    `${year}-${monthDay}` <= input.today ? `${year}-${monthDay}` : input.today;
  const announced = day('03-15');
  const project = (
    code: string,
    name: string,
    kind: 'goods' | 'services' | 'works',
    budget: string,
    more: Record<string, unknown>,
  ) =>
    createProject(db, input.buyer, {
      planYear: year,
      code,
      name,
      kind,
      budget,
      suitedToSmes: true,
      announcementDate: announced,
      ...more,
    });
  const office = await project(`${year}-001`, '办公设备及耗材采购', 'goods', '1800000', { way: 'whole' });
  const property = await project(`${year}-002`, '办公楼物业管理服务', 'services', '5000000', {
    way: 'lots',
    reservedAmount: '1500000',
    smallMicroReserved: '900000',
  });
  await project(`${year}-003`, '信息系统运行维护服务', 'services', '3000000', {
    way: 'lots',
    reservedAmount: '500000',
    smallMicroReserved: '300000',
    note: '预留比例待调整',
  });
  const equipment = await project(`${year}-004`, '专用检测设备', 'goods', '8000000', {
    suitedToSmes: false,
    exemption: 'irreplaceable',
    exemptionNote: '需使用原厂专利技术',
  });
  await project(`${year}-005`, '乡村道路维修工程', 'works', '3500000', { way: 'whole' });

  const sizeYear = (await latestSizeYear(db)) ?? year - 1;
  const [small] = await suppliers(db, input.body.regionCode, 'small', sizeYear);
  const [medium] = await suppliers(db, input.body.regionCode, 'medium', sizeYear);
  const declaration = (
    s: NonNullable<typeof small>,
    item: string,
    declaredSize: 'medium' | 'small' | 'micro',
  ) => ({
    item,
    tenderIndustryCode: s.industry_code,
    signedOn: day('04-01'),
    figuresYear: year - 1,
    employees: s.employees ?? 0,
    operatingRevenue: Number(s.operating_revenue ?? 0),
    ...(s.total_assets === null ? {} : { totalAssets: Number(s.total_assets) }),
    declaredSize,
  });
  if (small)
    await recordAward(db, input.buyer, office.id, {
      awardedOn: day('04-20'),
      supplierUscc: small.uscc,
      supplierName: small.name,
      amount: '1760000',
      reserved: true,
      declaredSize: 'small',
      role: 'single',
      declarations: [declaration(small, '办公设备', 'small')],
    });
  // A medium firm declaring itself small: the standard gives its own figures "medium" (flagged).
  if (medium)
    await recordAward(db, input.buyer, property.id, {
      awardedOn: day('05-10'),
      supplierUscc: medium.uscc,
      supplierName: medium.name,
      amount: '1480000',
      reserved: true,
      declaredSize: 'small',
      role: 'single',
      declarations: [declaration(medium, '物业管理服务（预留包）', 'small')],
    });
  await recordAward(db, input.buyer, equipment.id, {
    awardedOn: day('06-18'),
    supplierName: '（演示）某仪器集团有限公司',
    amount: '7650000',
    reserved: false,
    declaredSize: 'large',
    role: 'subcontract',
    smallMicroShare: '30',
  });
  await seedLastYear(db, input);
}

/**
 * Last year of the demo body: a goods project reserved whole, awarded to a small supplier with its 声明函 (the
 * registry's figures of the year before), and a works project not suited to SMEs, awarded to a large firm that
 * subcontracts 40% to small firms; the year's annual report generated from them and published by the buyer.
 */
async function seedLastYear(db: Kysely<Database>, input: ProcurementDemoInput): Promise<void> {
  const year = Number(input.today.slice(0, 4)) - 1;
  const announced = `${year}-03-10`;
  const supplies = await createProject(db, input.buyer, {
    planYear: year,
    code: `${year}-001`,
    name: '办公家具采购',
    kind: 'goods',
    budget: '1200000',
    suitedToSmes: true,
    announcementDate: announced,
    way: 'whole',
  });
  const hall = await createProject(db, input.buyer, {
    planYear: year,
    code: `${year}-002`,
    name: '档案馆改造工程',
    kind: 'works',
    budget: '6000000',
    suitedToSmes: false,
    exemption: 'irreplaceable',
    exemptionNote: '需与原建筑结构设计单位配合施工',
    announcementDate: announced,
  });
  const figuresYear = year - 1;
  const [small] = await suppliers(db, input.body.regionCode, 'small', figuresYear);
  if (small)
    await recordAward(db, input.buyer, supplies.id, {
      awardedOn: `${year}-05-12`,
      supplierUscc: small.uscc,
      supplierName: small.name,
      amount: '1150000',
      reserved: true,
      declaredSize: 'small',
      role: 'single',
      declarations: [
        {
          item: '办公家具',
          tenderIndustryCode: small.industry_code,
          signedOn: `${year}-04-20`,
          figuresYear,
          employees: small.employees ?? 0,
          operatingRevenue: Number(small.operating_revenue ?? 0),
          ...(small.total_assets === null ? {} : { totalAssets: Number(small.total_assets) }),
          declaredSize: 'small',
        },
      ],
    });
  await recordAward(db, input.buyer, hall.id, {
    awardedOn: `${year}-07-08`,
    supplierName: '（演示）某建设集团有限公司',
    amount: '5800000',
    reserved: false,
    declaredSize: 'large',
    role: 'subcontract',
    smallMicroShare: '40',
  });
  const draft = await generateReport(
    db,
    input.buyer,
    {
      year,
      commentaryZh:
        '本单位适宜由中小企业提供的项目已全部预留给中小企业；档案馆改造工程因须与原设计单位配合施工未预留，成交的大型企业将 40% 分包给小微企业。',
      commentaryEn:
        'Every project suited to SMEs was reserved for them; the archive renovation was not, as it must be built with the original designers, and its large winner subcontracted 40% to small firms.',
    },
    input.today,
  );
  await publishReport(db, input.buyer, draft.id, draft.version);
}
