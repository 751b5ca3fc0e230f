/** What someone typed into the public eligibility check, as rule facts (left out: unknown). */

import { isRealDate } from '../../../reference/calendar.ts';
import { isRegionCode } from '../../../reference/regions.ts';
import type { EligibilityCheckBody } from '../../../shared/api/policies.ts';
import { AppError } from '../../http/errors.ts';
import { classifyFigures, type EnterpriseFacts } from '../registry/index.ts';

/** A calendar date that exists (2026-02-30 does not). */
function assertRealDate(field: string, value: string | null | undefined): void {
  if (value && !isRealDate(value))
    throw AppError.field(field, { zh: `${value} 不是有效日期`, en: `${value} is not a valid date` });
}

/** The facts of a check: figures per year, their size class (when the industry is given), the rest as typed. */
export function factsOfCheck(body: EligibilityCheckBody): EnterpriseFacts {
  assertRealDate('date', body.date);
  assertRealDate('establishedOn', body.establishedOn);
  if (body.regionCode !== undefined && !isRegionCode(body.regionCode))
    throw AppError.field('regionCode', {
      zh: '不是有效的行政区划代码',
      en: 'is not a GB/T 2260 region code',
    });
  const figures: EnterpriseFacts['figures'] = {};
  const sizes: EnterpriseFacts['sizes'] = [];
  const industryCode = body.industryCode?.toUpperCase() ?? null;
  (body.figures ?? []).forEach((f, i) => {
    if (figures[f.year])
      throw AppError.field(`figures.${i}.year`, {
        zh: `${f.year} 年度重复`,
        en: `the year ${f.year} is given twice`,
      });
    figures[f.year] = {
      employees: f.employees ?? null,
      operating_revenue: f.operatingRevenue ?? null,
      main_business_revenue: f.mainBusinessRevenue ?? null,
      total_assets: f.totalAssets ?? null,
      total_liabilities: f.totalLiabilities ?? null,
      rd_expense: f.rdExpense ?? null,
      rd_staff: f.rdStaff ?? null,
      taxable_income: f.taxableIncome ?? null,
      vatTaxpayerType: f.vatTaxpayerType ?? null,
    };
    if (industryCode) {
      const size = classifyFigures(industryCode, {
        year: f.year,
        employees: f.employees ?? null,
        operatingRevenue: f.operatingRevenue ?? null,
        mainBusinessRevenue: f.mainBusinessRevenue ?? null,
        totalAssets: f.totalAssets ?? null,
        totalLiabilities: null,
        rdExpense: null,
        rdStaff: null,
        taxableIncome: null,
        vatTaxpayerType: null,
      }).size;
      sizes.push({ standard: 'cn-2011', year: f.year, size });
    }
  });
  (body.certifications ?? []).forEach((c, i) => {
    assertRealDate(`certifications.${i}.validFrom`, c.validFrom);
    assertRealDate(`certifications.${i}.validTo`, c.validTo);
    if (c.validTo && c.validTo < c.validFrom)
      throw AppError.field(`certifications.${i}.validTo`, {
        zh: '截止日期早于起始日期',
        en: 'ends before it starts',
      });
  });
  return {
    industryCode,
    regionCode: body.regionCode ?? null,
    establishedOn: body.establishedOn ?? null,
    status: body.status ?? 'active',
    certifications: (body.certifications ?? []).map((c) => ({
      name: c.name,
      validFrom: c.validFrom,
      validTo: c.validTo ?? null,
    })),
    sizes,
    figures,
  };
}
