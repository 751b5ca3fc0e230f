/**
 * Demo data: one province → city → county with a few hundred enterprises across industries, one bank, and a
 * user for each role. Everything is marked `is_demo`; production mode never loads it (config refuses).
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { addDays, addWorkingDays } from '../../../reference/calendar.ts';
import { allIndustries } from '../../../reference/industries.ts';
import { regionChildren, regionScopePrefix } from '../../../reference/regions.ts';
import { makeUscc } from '../../../reference/uscc.ts';
import type { Role } from '../../../shared/roles.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import type { Caller } from '../../http/auth.ts';
import { createUser, findUserByUsername, listDemoUsers } from '../accounts/index.ts';
import { appendAudit } from '../audit/index.ts';
import {
  actOnCase,
  backdateDemoCase,
  submitArrears,
  submitDemand,
  superviseCase,
  superviseDeadlines,
} from '../cases/index.ts';
import { seedCreditDemo } from '../credit/index.ts';
import { seedCultivationDemo } from '../cultivation/index.ts';
import { seedFinancingDemo } from '../financing/index.ts';
import { insertInstitution } from '../institutions/index.ts';
import { enqueueJobs, JOB_KINDS } from '../jobs/index.ts';
import { seedMonitoringDemo } from '../monitoring/index.ts';
import { seedProcurementDemo } from '../procurement/index.ts';
import {
  compactRollups,
  type EnterpriseInput,
  markDemoEnterprises,
  writeEnterpriseBatch,
} from '../registry/index.ts';

/** The demo region: 江苏省 → 苏州市 → 昆山市. */
export const DEMO_REGION = { province: '320000', city: '320500', county: '320583' } as const;

/** The password of every demo account (demo mode only; printed at start). */
export const DEMO_PASSWORD = 'Huiqi-Demo-2026';

/** A demo login as printed at start. */
export interface DemoLogin {
  username: string;
  role: Role;
  description: string;
}

/** Deterministic pseudo-random numbers (mulberry32), so every demo load (and every benchmark input) is the same. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BRANDS = [
  '恒通',
  '瑞丰',
  '华信',
  '金桥',
  '新创',
  '远航',
  '天成',
  '鼎盛',
  '嘉禾',
  '明德',
  '宏远',
  '众诚',
  '博雅',
  '锦程',
  '昌盛',
  '永泰',
  '卓越',
  '隆基',
  '盛世',
  '同舟',
  '启明',
  '凯达',
  '海纳',
  '宇辰',
  '青禾',
  '润泽',
  '汇丰',
  '星河',
  '安泰',
  '正元',
];
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '朱',
  '马',
  '胡',
  '沈',
];
const GIVEN_NAMES = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '涛',
  '明',
  '超',
  '华',
];
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Industry divisions used for demo enterprises, weighted towards manufacturing and trade as in a real county. */
const DEMO_DIVISIONS: [string, string, number][] = [
  ['C13', '食品', 4],
  ['C17', '纺织', 5],
  ['C18', '服装', 4],
  ['C26', '化工', 3],
  ['C29', '塑料制品', 4],
  ['C33', '金属制品', 6],
  ['C34', '机械', 6],
  ['C38', '电气', 5],
  ['C39', '电子', 7],
  ['D44', '电力', 1],
  ['E47', '建筑', 3],
  ['E48', '工程', 2],
  ['F51', '贸易', 8],
  ['F52', '商贸', 8],
  ['G54', '物流', 3],
  ['G592', '仓储', 2],
  ['H61', '酒店', 2],
  ['H62', '餐饮', 4],
  ['I64', '网络', 2],
  ['I65', '软件', 5],
  ['K702', '物业', 2],
  ['L72', '咨询', 4],
  ['M73', '科技研发', 2],
  ['M75', '科技', 3],
  ['N77', '环保', 1],
  ['O81', '家政', 1],
  ['A01', '农业', 2],
  ['R87', '文化传媒', 1],
  ['J66', '村镇银行', 1],
  ['P83', '培训', 1],
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function demoUscc(random: () => number, regionCode: string, index: number): string {
  let org = '';
  for (let i = 0; i < 8; i++) org += pick(random, USCC_CHARS.split(''));
  // Position 17 varies with the index so the demo codes never collide.
  org += USCC_CHARS[index % 31];
  return makeUscc(`91${regionCode}${org}`);
}

/** Loads the demo data into an empty database; returns the demo logins. */
export async function seedDemo(db: Kysely<Database>, enterpriseCount = 300): Promise<DemoLogin[]> {
  const random = prng(20200723); // the 2020 Opinions were published in July 2020
  const known = new Set(allIndustries().map((i) => i.code));
  const weighted = DEMO_DIVISIONS.filter(([code]) => known.has(code)).flatMap(([code, word, weight]) =>
    Array.from({ length: weight }, () => ({ code, word })),
  );
  const cities = regionChildren(DEMO_REGION.province).map((r) => r.code);
  const cityCounties = regionChildren(DEMO_REGION.city).map((r) => r.code);
  const rows: EnterpriseInput[] = [];
  const used = new Set<string>();
  for (let i = 0; rows.length < enterpriseCount; i++) {
    // 60% in the demo county, 25% elsewhere in the city, 15% elsewhere in the province.
    const roll = random();
    const region =
      roll < 0.6
        ? DEMO_REGION.county
        : roll < 0.85
          ? pick(random, cityCounties)
          : (pick(
              random,
              regionChildren(pick(random, cities)).map((r) => r.code),
            ) ?? DEMO_REGION.county);
    const { code, word } = pick(random, weighted);
    const name = `${pick(random, BRANDS)}${pick(random, BRANDS)}${word}有限公司`;
    if (used.has(name)) continue;
    used.add(name);
    const year = 1995 + Math.floor(random() * 30);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    rows.push({
      uscc: demoUscc(random, region, i),
      name,
      formerNames: random() < 0.1 ? [`${pick(random, BRANDS)}${word}有限公司`] : [],
      legalRepresentative: `${pick(random, SURNAMES)}${pick(random, GIVEN_NAMES)}`,
      regionCode: region,
      industryCode: code,
      establishedOn: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      status: random() < 0.95 ? 'active' : 'suspended',
      ownershipType: random() < 0.85 ? '私营' : pick(random, ['国有', '外商投资', '港澳台投资', '集体']),
      certifications:
        random() < 0.12
          ? [
              {
                name: random() < 0.6 ? '高新技术企业' : '专精特新中小企业',
                validFrom: '2024-01-01',
                validTo: '2026-12-31',
              },
            ]
          : [],
      figures: null,
    });
  }
  // Two years of figures: employees spread like a real county (most firms small), revenue per employee and
  // assets varying by firm, the second year growing or shrinking a little.
  const withFigures = (year: number, growth: (e: EnterpriseInput, i: number) => number) =>
    rows.map((e, i) => {
      const base = figureBase[i] as { employees: number; perHead: number; assetRatio: number };
      const g = growth(e, i);
      const employees = Math.max(1, Math.round(base.employees * g));
      const revenue = Math.round(employees * base.perHead * g * 100) / 100;
      return {
        ...e,
        figures: {
          year,
          employees,
          operatingRevenue: revenue,
          mainBusinessRevenue: null,
          totalAssets: Math.round(revenue * base.assetRatio * 100) / 100,
          totalLiabilities: Math.round(revenue * base.assetRatio * 45) / 100,
          rdExpense: Math.round(revenue * 3) / 100,
          rdStaff: Math.floor(employees / 10),
          taxableIncome: Math.round(revenue * 5) / 100,
          vatTaxpayerType: revenue >= 500 ? ('general' as const) : ('small_scale' as const),
        },
      };
    });
  const figureBase = rows.map(() => ({
    employees: Math.round(Math.exp(random() * random() * 7.2)),
    perHead: 15 + random() * 85,
    assetRatio: 0.4 + random() * 1.6,
  }));
  const growthOf = rows.map(() => 0.85 + random() * 0.35);
  const system = { userId: null, role: 'system' };
  const { firstEnterpriseId, elsewhereId, bankId, otherBankIds, countyEnterprises } = await db
    .transaction()
    .execute(async (trx) => {
      await writeEnterpriseBatch(
        trx,
        withFigures(2024, () => 1),
        'demo',
      );
      await writeEnterpriseBatch(
        trx,
        withFigures(2025, (_e, i) => growthOf[i] as number),
        'demo',
      );
      await compactRollups(trx);
      const inserted = await markDemoEnterprises(
        trx,
        rows.map((r) => r.uscc),
      );
      // New facts are matched against the policies by the job their change queues (issue 21), as any write's are.
      await enqueueJobs(trx, [
        { kind: JOB_KINDS.enterpriseMatch, payload: { enterpriseIds: inserted.map((e) => e.id) } },
      ]);
      const bankId = await insertInstitution(trx, {
        uscc: makeUscc(`91${DEMO_REGION.county}MA1MXQ3B`.padEnd(17, '0')),
        name: '昆山示范农村商业银行（演示）',
        kind: 'bank',
        region_code: DEMO_REGION.county,
        is_demo: true,
      });
      // Two more lenders for financing matchmaking (issue 15): one serving the city, one the province.
      const otherBankIds = [
        await insertInstitution(trx, {
          uscc: makeUscc(`91${DEMO_REGION.city}MA1MXQ4C`.padEnd(17, '0')),
          name: '苏州示范银行（演示）',
          kind: 'bank',
          region_code: DEMO_REGION.city,
          is_demo: true,
        }),
        await insertInstitution(trx, {
          uscc: makeUscc(`91${DEMO_REGION.province}MA1MXQ5D`.padEnd(17, '0')),
          name: '江苏示范银行（演示）',
          kind: 'bank',
          region_code: DEMO_REGION.province,
          is_demo: true,
        }),
      ];
      await appendAudit(trx, system, {
        action: 'demo.seeded',
        targetType: 'region',
        targetId: DEMO_REGION.county,
        summary: { enterprises: inserted.length, institutions: 3 },
      });
      const idOf = new Map(inserted.map((e) => [e.uscc, e.id]));
      /** The smallest id of the active demo enterprises that `keep` accepts, or null. */
      const firstId = (keep: (e: EnterpriseInput) => boolean) =>
        rows.reduce<number | null>((first, e) => {
          const id = idOf.get(e.uscc);
          return id !== undefined && e.status === 'active' && keep(e) && (first === null || id < first)
            ? id
            : first;
        }, null);
      // The enterprise user's firm: the first active one of the demo county (it sees the county's programmes).
      const firstEnterpriseId = firstId((e) => e.regionCode === DEMO_REGION.county);
      if (firstEnterpriseId === null) throw new Error('the demo has no active enterprise in its county');
      // An enterprise of another county of the city (no county office there in the demo: the city handles it).
      const elsewhereId = firstId(
        (e) =>
          e.regionCode.startsWith(DEMO_REGION.city.slice(0, 4)) &&
          e.regionCode !== DEMO_REGION.county &&
          e.regionCode !== DEMO_REGION.city,
      );
      // The demo county's active enterprises, the enterprise user's first (the departments' credit files cover them).
      const countyEnterprises = rows
        .filter((e) => e.regionCode === DEMO_REGION.county && e.status === 'active')
        .map((e) => ({
          id: idOf.get(e.uscc) as number,
          uscc: e.uscc,
          legalRepresentative: e.legalRepresentative ?? '',
        }))
        .sort((a, b) => (a.id === firstEnterpriseId ? -1 : b.id === firstEnterpriseId ? 1 : a.id - b.id));
      return { firstEnterpriseId, elsewhereId, bankId, otherBankIds, countyEnterprises };
    });
  const caller = { actor: null, requestId: null };
  const users: Omit<Parameters<typeof createUser>[1], 'password'>[] = [
    { username: 'admin', displayName: '系统管理员（演示）', role: 'admin' },
    {
      username: 'auditor',
      displayName: '审计员（演示）',
      role: 'auditor',
    },
    {
      username: 'official.province',
      displayName: '江苏省中小企业局（演示）',
      role: 'official',
      regionCode: DEMO_REGION.province,
      departmentCode: 'sme',
    },
    {
      username: 'official.city',
      // The city's SME authority (its office sits in the 工信局): it follows and supervises its counties' cases and
      // handles those of counties without an office of their own (ADR 0016).
      displayName: '苏州市工信局中小企业处（演示）',
      role: 'official',
      regionCode: DEMO_REGION.city,
      departmentCode: 'sme',
    },
    {
      username: 'official.county',
      displayName: '昆山市中小企业服务中心（演示）',
      role: 'official',
      regionCode: DEMO_REGION.county,
      departmentCode: 'sme',
    },
    {
      username: 'enterprise',
      displayName: '企业用户（演示）',
      role: 'enterprise',
      enterpriseId: firstEnterpriseId,
    },
    {
      username: 'bank',
      displayName: '银行客户经理（演示）',
      role: 'bank',
      institutionId: bankId,
    },
    {
      username: 'bank.city',
      displayName: '苏州示范银行客户经理（演示）',
      role: 'bank',
      institutionId: otherBankIds[0] ?? null,
    },
    {
      username: 'bank.province',
      displayName: '江苏示范银行客户经理（演示）',
      role: 'bank',
      institutionId: otherBankIds[1] ?? null,
    },
    {
      username: 'payer',
      displayName: '县直机关财务负责人（演示）',
      role: 'payer',
      organizationUscc: DEMO_DEBTOR.uscc,
      organizationName: DEMO_DEBTOR.name,
    },
    {
      username: 'buyer',
      displayName: '县直机关采购负责人（演示）',
      role: 'buyer',
      organizationUscc: DEMO_BUYING_BODY.uscc,
      organizationName: DEMO_BUYING_BODY.name,
    },
  ];
  for (const user of users) {
    // The enterprise user gets notices by email too (the demo's transport only logs them).
    const email = user.username === 'enterprise' ? { email: 'enterprise@demo.huiqi.invalid' } : {};
    await createUser(db, { ...user, password: DEMO_PASSWORD, isDemo: true, ...email }, caller);
  }
  await seedDemoCases(db, elsewhereId);
  await seedCreditDemo(db, {
    enterprises: countyEnterprises,
    bankId,
    enterprise: await demoCaller(db, 'enterprise'),
    bank: await demoCaller(db, 'bank'),
    official: await demoCaller(db, 'official.county'),
    workDir: path.join(tmpdir(), `huiqi-demo-credit-${process.pid}-${Date.now()}`),
    today: todayInChina(),
    random,
  });
  if (firstEnterpriseId !== null)
    await seedFinancingDemo(db, {
      banks: [
        await demoCaller(db, 'bank'),
        await demoCaller(db, 'bank.city'),
        await demoCaller(db, 'bank.province'),
      ],
      enterprise: await demoCaller(db, 'enterprise'),
      enterpriseId: firstEnterpriseId,
      payer: await demoCaller(db, 'payer'),
      debtor: DEMO_DEBTOR,
      official: await demoCaller(db, 'official.county'),
      countyEnterprises,
      region: DEMO_REGION,
      today: todayInChina(),
    });
  if (firstEnterpriseId !== null)
    await seedMonitoringDemo(db, {
      statistician: await demoCaller(db, 'official.city'),
      reviewer: await demoCaller(db, 'official.province'),
      enterprise: await demoCaller(db, 'enterprise'),
      enterpriseId: firstEnterpriseId,
      today: todayInChina(),
    });
  await seedProcurementDemo(db, {
    official: await demoCaller(db, 'official.county'),
    buyer: await demoCaller(db, 'buyer'),
    body: { ...DEMO_BUYING_BODY, regionCode: DEMO_REGION.county },
    today: todayInChina(),
  });
  await seedCultivationDemo(db, {
    county: await demoCaller(db, 'official.county'),
    province: await demoCaller(db, 'official.province'),
    enterprises: countyEnterprises,
    enterpriseUserId: (await demoCaller(db, 'enterprise')).actor?.userId ?? 0,
    provinceCode: DEMO_REGION.province,
    today: todayInChina(),
  });
  // The same list, in the same words, as every later start prints.
  return listDemoLogins(db);
}

/** The government body the demo complaint is against; the demo payer account is its official. */
const DEMO_DEBTOR = { uscc: makeUscc('11320583MB0000001'), name: '（演示）某县直机关' };

/** The buying body of the demo's procurement; the demo buyer account buys for it. */
const DEMO_BUYING_BODY = { uscc: makeUscc('11320583MB0000002'), name: '（演示）昆山市某局' };

/**
 * Cases of the demo: two demands of the demo enterprise waiting in the county's queue, one of them under a 督办 the
 * city issued; two older cases past their time to accept (one in the county, one of another county of the city,
 * which has no office of its own: the city handles it), supervised by the daily run — so the queue, the supervision
 * dashboard and the officials' home show overdue and supervised cases; and an overdue-payment complaint the county
 * has accepted, so that the demo payer has a complaint to answer.
 */
async function seedDemoCases(db: Kysely<Database>, elsewhereId: number | null): Promise<void> {
  const user = await demoUser(db, 'enterprise');
  const caller = {
    requestId: null,
    actor: {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: 'enterprise' as const,
      enterpriseId: user.enterpriseId,
      institutionId: null,
      regionCode: null,
      regionPrefix: null,
      departmentCode: null,
      organizationUscc: null,
      locale: 'zh-CN' as const,
    },
  };
  const first = await submitDemand(db, caller, {
    kind: 'consultation',
    category: 'financing',
    title: '（演示）首次贷款贴息需要哪些材料？',
    description: '我公司今年首次申请银行经营贷款，想了解昆山市微型企业首贷贴息的申请材料和办理时限。',
  });
  await submitDemand(db, caller, {
    kind: 'help',
    category: 'employment',
    title: '（演示）招工难，请求对接职业院校',
    description: '公司扩产需要 20 名技术工人，请求协助对接本地职业院校和人力资源服务机构。',
  });
  const late = await submitDemand(db, caller, {
    kind: 'complaint',
    category: 'approval',
    title: '（演示）厂房扩建审批超过承诺时限',
    description: '我公司厂房扩建项目的规划许可申请已提交一个多月，超过窗口承诺的办理时限，至今没有答复。',
  });
  const other =
    elsewhereId !== null
      ? await submitDemand(
          db,
          { ...caller, actor: { ...caller.actor, enterpriseId: elsewhereId } },
          {
            kind: 'help',
            category: 'financing',
            title: '（演示）申请应急转贷资金',
            description: '公司一笔流动资金贷款下月到期，申请使用应急转贷资金周转，请协助对接。',
          },
        )
      : null;
  const today = todayInChina();
  // Received four weeks ago: past the time to accept, supervised by the daily run.
  const weeksAgo = addDays(today, -28);
  await backdateDemoCase(db, late.id, weeksAgo);
  if (other) await backdateDemoCase(db, other.id, weeksAgo);
  await superviseDeadlines(db, today);
  // The city's SME authority asks the county to speed up the first demand.
  const city = await demoUser(db, 'official.city');
  await superviseCase(
    db,
    {
      requestId: null,
      actor: {
        ...caller.actor,
        userId: city.id,
        username: city.username,
        displayName: city.displayName,
        role: 'official',
        enterpriseId: null,
        regionCode: city.regionCode,
        regionPrefix: DEMO_REGION.city.slice(0, 4),
        departmentCode: city.departmentCode,
      },
    },
    first.id,
    { reason: '（演示）企业多次来电询问，请加快办理', deadline: addWorkingDays(today, 3) },
  );
  const complaint = await submitArrears(db, caller, {
    debtorUscc: DEMO_DEBTOR.uscc,
    debtorName: DEMO_DEBTOR.name,
    contractNumber: 'KS-CG-2025-0418',
    description: '（演示）设备已于 2025 年 3 月验收合格，合同未约定付款期限，至今未付款。',
    claim: {
      debtorKind: 'government',
      signedOn: '2025-02-10',
      basis: 'acceptance',
      deliveredOn: '2025-02-28',
      acceptedOn: '2025-03-03',
      amount: 186_000,
      payments: [{ date: '2025-05-20', amount: 50_000 }],
    },
  });
  // The county's SME office accepts it, so that the demo payer has a complaint to answer.
  const county = await demoUser(db, 'official.county');
  await actOnCase(
    db,
    {
      requestId: null,
      actor: {
        ...caller.actor,
        userId: county.id,
        username: county.username,
        displayName: county.displayName,
        role: 'official',
        enterpriseId: null,
        regionCode: county.regionCode,
        regionPrefix: regionScopePrefix(DEMO_REGION.county),
        departmentCode: county.departmentCode,
      },
    },
    complaint.id,
    { action: 'accept', version: complaint.version },
  );
}

/** A demo account the seed has just created. */
/** A demo user as the caller of a service (the demo's data is made through the services, as requests make it). */
async function demoCaller(db: Kysely<Database>, username: string): Promise<Caller> {
  const user = await findUserByUsername(db, username);
  if (!user) throw new Error(`the demo has no user ${username}`);
  return {
    requestId: null,
    actor: {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      enterpriseId: user.enterpriseId,
      institutionId: user.institutionId,
      regionCode: user.regionCode,
      regionPrefix: user.regionCode === null ? null : regionScopePrefix(user.regionCode),
      departmentCode: user.departmentCode,
      organizationUscc: user.organizationUscc,
      locale: 'zh-CN',
    },
  };
}

async function demoUser(db: Kysely<Database>, username: string) {
  const user = await findUserByUsername(db, username);
  if (!user) throw new Error(`the demo account ${username} is missing`);
  return user;
}

/** The demo logins, for printing at start when the data is already loaded. */
export async function listDemoLogins(db: Kysely<Database>): Promise<DemoLogin[]> {
  const rows = await listDemoUsers(db);
  return rows.map((r) => ({ username: r.username, role: r.role, description: r.displayName }));
}
