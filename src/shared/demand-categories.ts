/**
 * What a demand is about (the routing rules match on it; the case API's schema lists the same). Plain data, without
 * the schema library, so the web app can import it.
 */
export const DEMAND_CATEGORIES = [
  'financing',
  'tax',
  'policy',
  'market',
  'rights',
  'employment',
  'innovation',
  'approval',
  'other',
] as const;
