/**
 * Writes a realistic enterprise import file (the template's Chinese headers): N enterprises spread over a
 * province's counties, industries weighted like a Chinese county, log-normal employees, revenue and assets.
 * Usage: npx tsx bench/generate-enterprises.ts N OUT.csv   (deterministic for a given N)
 */
import { createWriteStream } from 'node:fs';
import { regionChildren } from '../src/reference/regions.ts';
import { makeUscc } from '../src/reference/uscc.ts';
import { prng } from '../src/server/modules/demo/index.ts';

const DIVISIONS = [
  'C13',
  'C17',
  'C18',
  'C26',
  'C29',
  'C33',
  'C34',
  'C38',
  'C39',
  'E48',
  'F51',
  'F52',
  'F52',
  'F51',
  'G54',
  'H62',
  'I65',
  'L72',
  'M75',
  'K702',
  'O81',
  'A01',
];
const WORDS = [
  '电子',
  '机械',
  '贸易',
  '商贸',
  '科技',
  '物流',
  '餐饮',
  '软件',
  '咨询',
  '物业',
  '服务',
  '农业',
  '纺织',
  '服装',
  '化工',
  '塑料',
];
const BRANDS =
  '恒通瑞丰华信金桥新创远航天成鼎盛嘉禾明德宏远众诚博雅锦程昌盛永泰卓越隆基同舟启明凯达海纳宇辰青禾润泽星河安泰正元'.split(
    '',
  );
const QUALIFIERS = ['', '', '', '精密', '智能', '新材料', '环保', '国际', '实业', '工程', '信息'];
/** Organisational forms, weighted roughly as in a county registry. */
const FORMS = [
  ...Array<string>(14).fill('有限公司'),
  '有限责任公司',
  '有限责任公司',
  '股份有限公司',
  '商行',
  '经营部',
  '厂',
];
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A place name as firms put it before their trade name: 昆山市 → 昆山, 姑苏区 → 姑苏. */
function placeOf(name: string): string {
  return name.length > 2 ? name.replace(/[市区县]$/, '') : name;
}

/** One generated enterprise (the columns of the import file). */
export interface GeneratedEnterprise {
  uscc: string;
  name: string;
  region: string;
  division: string;
  established: string;
  employees: number;
  revenue: number;
  assets: number;
}

/** Generates n enterprises, the same ones for a given n and seed (the file and the list benchmark share them). */
export function* enterpriseRecords(n: number, seed = 42): Generator<GeneratedEnterprise> {
  const random = prng(seed);
  const counties = regionChildren('320000').flatMap((city) =>
    regionChildren(city.code).map((c) => ({ code: c.code, places: [placeOf(city.name), placeOf(c.name)] })),
  );
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  for (let i = 0; i < n; i++) {
    const county = pick(counties);
    const region = county.code;
    let body = '';
    for (let k = 0; k < 4; k++) body += CHARS[Math.floor(random() * 31)];
    // The index in base 31 keeps every code unique.
    let rest = i;
    for (let k = 0; k < 5; k++) {
      body += CHARS[rest % 31];
      rest = Math.floor(rest / 31);
    }
    const uscc = makeUscc(`91${region}${body}`);
    const division = DIVISIONS[Math.floor(random() * DIVISIONS.length)] as string;
    // Like real names: [place] trade name (2-3 characters) [qualifier] industry, organisational form.
    const place = random() < 0.6 ? pick(county.places) : '';
    const trade = `${pick(BRANDS)}${pick(BRANDS)}${random() < 0.3 ? pick(BRANDS) : ''}`;
    const name = `${place}${trade}${pick(QUALIFIERS)}${pick(WORDS)}${pick(FORMS)}`;
    const employees = Math.max(1, Math.round(Math.exp(random() * random() * 7.5)));
    const revenue = Math.round(employees * (15 + random() * 85) * 100) / 100;
    const assets = Math.round(revenue * (0.4 + random() * 1.6) * 100) / 100;
    const year = 1990 + Math.floor(random() * 35);
    const established = `${year}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`;
    yield { uscc, name, region, division, established, employees, revenue, assets };
  }
}

/** Writes the file; resolves with its size in bytes. */
export async function generateEnterprises(n: number, file: string, seed = 42): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  const write = (text: string) => {
    bytes += Buffer.byteLength(text);
    return out.write(text)
      ? Promise.resolve()
      : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  await write(
    '\uFEFF统一社会信用代码,企业名称,注册地行政区划代码,行业代码,成立日期,年度,从业人员,营业收入（万元）,资产总额（万元）\n',
  );
  let chunk = '';
  for (const e of enterpriseRecords(n, seed)) {
    chunk += `${e.uscc},${e.name},${e.region},${e.division},${e.established},2025,${e.employees},${e.revenue},${e.assets}\n`;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return bytes;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 1_000_000);
  const file = process.argv[3] ?? `/tmp/enterprises-${n}.csv`;
  const bytes = await generateEnterprises(n, file);
  console.log(`Wrote ${n} enterprises to ${file} (${(bytes / 1024 / 1024).toFixed(1)} MB).`);
}
