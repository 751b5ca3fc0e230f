/** Kysely table types owned by the financial-institutions module. */
import type { ColumnType, Generated } from 'kysely';

/** `financial_institutions`: banks and other lenders whose staff use the platform. */
export interface FinancialInstitutionsTable {
  id: Generated<number>;
  uscc: string;
  name: string;
  kind: 'bank' | 'guarantee' | 'microcredit' | 'other';
  region_code: string;
  is_demo: Generated<boolean>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
