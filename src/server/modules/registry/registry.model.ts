/** The registry's input records: what an import row, an official or the enterprise itself submits. */
import type { EnterpriseStatus } from './registry.table.ts';

/** Yearly figures of one enterprise (money in 万元, people in persons); null where not reported. */
export interface YearlyFigures {
  year: number;
  employees: number | null;
  operatingRevenue: number | null;
  mainBusinessRevenue: number | null;
  totalAssets: number | null;
  totalLiabilities: number | null;
  rdExpense: number | null;
  rdStaff: number | null;
  taxableIncome: number | null;
  vatTaxpayerType: 'general' | 'small_scale' | null;
}

/** A certification with its validity period. */
export interface Certification {
  name: string;
  validFrom: string;
  validTo: string | null;
}

/** One enterprise as submitted (validated already): profile, certifications and optionally one year's figures. */
export interface EnterpriseInput {
  uscc: string;
  name: string;
  formerNames: string[];
  legalRepresentative: string | null;
  regionCode: string;
  industryCode: string;
  establishedOn: string | null;
  status: EnterpriseStatus | null;
  ownershipType: string | null;
  certifications: Certification[];
  figures: YearlyFigures | null;
}

/** The standards every enterprise's size is stored under. */
export const STORED_STANDARDS = ['cn-2011'] as const;

/** A year's figures as rules read them (snake_case names of the facts; absent or null where not reported). */
export type FactFigures = Partial<
  Record<
    | 'employees'
    | 'operating_revenue'
    | 'main_business_revenue'
    | 'total_assets'
    | 'total_liabilities'
    | 'rd_expense'
    | 'rd_staff'
    | 'taxable_income',
    number | null
  >
> & { vatTaxpayerType?: 'general' | 'small_scale' | null };

/** What the registry knows of an enterprise, as eligibility rules read it (null where it holds nothing). */
export interface EnterpriseFacts {
  industryCode: string | null;
  regionCode: string | null;
  establishedOn: string | null;
  status: EnterpriseStatus | null;
  certifications: { name: string; validFrom: string; validTo: string | null }[];
  /** Size class per standard and year. */
  sizes: { standard: string; year: number; size: string }[];
  /** Current figures by year. */
  figures: Record<number, FactFigures>;
}
