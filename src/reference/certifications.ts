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
