/**
 * Recognitions enterprises commonly hold, as the registry names them (suggestions for rules and forms; the
 * registry accepts other names too). 专精特新 tiers: 工信部企业〔2022〕63号 (创新型中小企业 → 专精特新中小企业 →
 * 专精特新“小巨人”企业); 高新技术企业: 国科发火〔2016〕32号; 科技型中小企业: 国科发政〔2017〕115号.
 */
export const CERTIFICATION_NAMES = [
  '创新型中小企业',
  '专精特新中小企业',
  '专精特新“小巨人”企业',
  '高新技术企业',
  '科技型中小企业',
  '制造业单项冠军企业',
] as const;

/**
 * English names of the recognitions the registry and the cultivation standards name (the tiers' as in
 * cultivation.standards.ts; docs/reference/cultivation.md §2.1 for the others). A name not listed stays as given.
 */
export const CERTIFICATION_NAMES_EN: Readonly<Record<string, string>> = {
  创新型中小企业: 'Innovative SME',
  专精特新中小企业: 'Specialised, refined, distinctive and innovative SME',
  '专精特新“小巨人”企业': '“Little giant”',
  高新技术企业: 'High-tech enterprise',
  科技型中小企业: 'Technology-based SME',
  制造业单项冠军企业: 'Manufacturing single champion',
  国家级技术创新示范企业: 'National technology innovation demonstration enterprise',
  知识产权优势企业: 'IP advantage enterprise',
  知识产权示范企业: 'IP demonstration enterprise',
};

/** A recognition's English name, or the name as given when none is known. */
export const certificationNameEn = (name: string): string => CERTIFICATION_NAMES_EN[name] ?? name;
