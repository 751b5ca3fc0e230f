/** An enterprise as submitted (import row, form), classified and turned into the facts eligibility rules read. */
import type { EnterpriseFacts, EnterpriseInput, YearlyFigures } from './registry.model.ts';
import { type CnClassification, classifyCn } from './size.rules.ts';

/** The size class (cn-2011) of an enterprise from one year's figures. */
export function classifyFigures(industryCode: string, figures: YearlyFigures): CnClassification {
  return classifyCn({
    industryCode,
    employees: figures.employees,
    operatingRevenue: figures.operatingRevenue,
    mainBusinessRevenue: figures.mainBusinessRevenue,
    totalAssets: figures.totalAssets,
  });
}

/** The facts rules read from a submitted enterprise: its year's figures and size class, as the registry stores them. */
export function factsOfInput(record: EnterpriseInput): EnterpriseFacts {
  const figures: EnterpriseFacts['figures'] = {};
  const sizes: EnterpriseFacts['sizes'] = [];
  const f = record.figures;
  if (f) {
    figures[f.year] = {
      employees: f.employees,
      operating_revenue: f.operatingRevenue,
      main_business_revenue: f.mainBusinessRevenue,
      total_assets: f.totalAssets,
      total_liabilities: f.totalLiabilities,
      rd_expense: f.rdExpense,
      rd_staff: f.rdStaff,
      taxable_income: f.taxableIncome,
      vatTaxpayerType: f.vatTaxpayerType,
    };
    sizes.push({ standard: 'cn-2011', year: f.year, size: classifyFigures(record.industryCode, f).size });
  }
  return {
    industryCode: record.industryCode,
    regionCode: record.regionCode,
    establishedOn: record.establishedOn,
    status: record.status ?? 'active',
    certifications: record.certifications,
    sizes,
    figures,
  };
}
