/**
 * Legal-basis lines in English (issue 12): the citations the rules give in Chinese (《保障中小企业款项支付条例》
 * （国务院令第728号）第十五条, 《民法典》第二百零三条 …) rendered for English readers. The regulation has no official
 * English title in docs/reference; "Regulations on Ensuring Payments to SMEs" is our translation (said there, in
 * docs/reference/payments.md). A citation this does not fully understand gives null: the caller shows the Chinese
 * and says it is Chinese, never a half-translated line.
 */

const LAWS: Readonly<Record<string, string>> = {
  保障中小企业款项支付条例: 'Regulations on Ensuring Payments to SMEs',
  中华人民共和国民法典: 'Civil Code of the People’s Republic of China',
  民法典: 'Civil Code',
  中华人民共和国民法总则: 'General Provisions of the Civil Law of the People’s Republic of China',
  民法总则: 'General Provisions of the Civil Law',
};

/** "关于…的规定" of the 2025 revision, whose article numbers the reference notes do not give. */
const TOPICS: Readonly<Record<string, string>> = {
  '机关、事业单位付款期限': 'the payment term of government bodies and public institutions',
  大型企业付款期限: 'the payment term of large enterprises',
  付款期限起算: 'when the payment term starts',
  逾期利息: 'interest on late payment',
  无争议部分按期支付: 'paying the undisputed part on time',
};

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** A Chinese number below 10,000 (八, 十五, 二百零三, 五百六十一) as a number, or null. */
export function chineseNumber(text: string): number | null {
  if (!text) return null;
  let total = 0;
  let digit: number | null = null;
  for (const ch of text) {
    const d = DIGITS[ch];
    const unit = UNITS[ch];
    if (d !== undefined) digit = d;
    else if (unit !== undefined) {
      total += (digit ?? 1) * unit;
      digit = null;
    } else return null;
  }
  return total + (digit ?? 0);
}

/** 第八条第二款 → 8(2); 第十五条 → 15; null when not an article. */
function article(text: string): string | null {
  const match = /^第([零一二两三四五六七八九十百千]+)条(?:第([零一二两三四五六七八九十]+)款)?$/.exec(text);
  if (!match) return null;
  const number = chineseNumber(match[1] ?? '');
  const paragraph = match[2] ? chineseNumber(match[2]) : null;
  if (number === null || (match[2] && paragraph === null)) return null;
  return paragraph === null ? String(number) : `${number}(${paragraph})`;
}

/** 国务院令第728号, 2025年修订，国务院令第802号, 2025年修订 in English, or null. */
export function editionInEnglish(text: string): string | null {
  const parts = text.split('，').map((part) => {
    const decree = /^国务院令第(\d+)号$/.exec(part);
    if (decree) return `State Council Decree No. ${decree[1]}`;
    const revised = /^(\d{4})年修订$/.exec(part);
    if (revised) return `${revised[1]} revision`;
    return null;
  });
  return parts.every((part) => part !== null) ? parts.join(', ') : null;
}

/** One citation: 《law》（edition）articles | 关于…的规定. */
function citation(text: string): string | null {
  const match = /^《([^》]+)》(?:（([^）]+)）)?(.*)$/.exec(text.trim());
  if (!match) {
    const document = /^工信部企业〔(\d{4})〕(\d+)号$/.exec(text.trim());
    return document ? `MIIT document 工信部企业〔${document[1]}〕${document[2]}号` : null;
  }
  const law = LAWS[match[1] ?? ''];
  if (!law) return null;
  let english = law;
  if (match[2]) {
    const ed = editionInEnglish(match[2]);
    if (!ed) return null;
    english += ` (${ed})`;
  }
  const rest = match[3] ?? '';
  if (!rest) return english;
  const topic = /^关于(.+)的规定$/.exec(rest);
  if (topic) {
    const about = TOPICS[topic[1] ?? ''];
    return about ? `${english}, provisions on ${about}` : null;
  }
  const articles = rest.split('、').map(article);
  if (articles.some((a) => a === null)) return null;
  return `${english}, ${articles.length > 1 ? 'Arts.' : 'Art.'} ${articles.join(', ')}`;
}

/**
 * A legal-basis line in English, or null when some part of it has no translation here (then show the Chinese,
 * marked as such). Citations separated by ；are translated one by one.
 */
export function legalBasisInEnglish(basis: string): string | null {
  // A demand's limits: its routing rule's, the complaint procedure's where the rule sets none (cases.rules.ts).
  const demand = /^受理部门的诉求分派规则（规则未另设时限的，参照(.+)）$/.exec(basis);
  if (demand) {
    const fallback = legalBasisInEnglish(demand[1] ?? '');
    return fallback
      ? `the handling department’s routing rule for demands (where it sets no time limits: ${fallback})`
      : null;
  }
  const parts = basis.split('；').map(citation);
  return parts.every((part) => part !== null) ? parts.join('; ') : null;
}
