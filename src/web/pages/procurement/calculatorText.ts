/**
 * The public calculator's words that come from the reference data: a figure's basis, written in English around the
 * documents' numbers (src/reference/procurement.ts), said in Chinese for a Chinese reader so a page does not mix
 * the two languages. An unknown phrase is left as it is.
 */

const ZH_PHRASES: [RegExp, string | ((...groups: string[]) => string)][] = [
  [/2020 Opinions, measure 8/g, '《关于健全支持中小企业发展制度的若干意见》第 8 项措施'],
  [/ ?\(unchanged by ([^)]+)\)/g, (_, doc) => `（${doc}未作调整）`],
  [
    /whether (\S+?)['’]s (\d+%) continued is unknown/g,
    (_, doc, share) => `${doc}的 ${share} 是否延续尚不清楚`,
  ],
  [/; /g, '；'],
];

/** A figure's basis in the reader's language. */
export function basisText(basis: string, locale: 'zh-CN' | 'en'): string {
  if (locale === 'en') return basis;
  let text = basis;
  for (const [pattern, replacement] of ZH_PHRASES)
    text = text.replace(pattern, replacement as (substring: string, ...args: string[]) => string);
  return text;
}
