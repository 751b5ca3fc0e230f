/** Kysely table types for reference data (GB/T 2260 regions, GB/T 4754-2017 industries). */

/** `regions`: administrative divisions, 6-digit GB/T 2260 codes. */
export interface RegionsTable {
  code: string;
  name: string;
  full_name: string;
  level: 'province' | 'city' | 'county';
  parent_code: string | null;
}

/** `industries`: GB/T 4754-2017 sections, divisions and the groups the size standard needs. */
export interface IndustriesTable {
  code: string;
  level: 'section' | 'division' | 'group' | 'class';
  name_zh: string;
  name_en: string;
  parent_code: string | null;
  section: string;
}

/** `meta`: small key/value facts about the database (reference data version...). */
export interface MetaTable {
  key: string;
  value: string;
  updated_at: Date | undefined;
}
