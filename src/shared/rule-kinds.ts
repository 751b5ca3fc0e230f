/** The kinds of node of an eligibility rule, in the order a node is recognised (server check and web builder). */
export const RULE_KINDS = [
  'all',
  'any',
  'not',
  'compare',
  'industry',
  'region',
  'size',
  'certified',
  'taxpayer',
  'status',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
