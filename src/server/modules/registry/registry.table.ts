/** Kysely table types owned by the enterprise registry. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** `enterprises`: one row per registered enterprise, keyed by its USCC. */
export interface EnterprisesTable {
  id: Generated<number>;
  uscc: string;
  name: string;
  region_code: string;
  industry_code: string;
  established_on: string | null;
  status: Generated<'active' | 'suspended' | 'revoked' | 'cancelled'>;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
