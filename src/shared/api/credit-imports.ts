/** API schemas of departments' credit files and the coverage of credit information (issue 14, measure 4). */
import Type, { type Static } from 'typebox';
import { creditSources } from '../../reference/credit.ts';
import { DateOnly, Nullable, RegionCode, Strict } from './common.ts';
import { ImportModeSchema } from './registry.ts';

/** A body credit files come from (src/reference/credit.ts: the system's departments and the other holders). */
export const DepartmentCode = Type.Union(
  creditSources().map((d) => Type.Literal(d.code)),
  {
    description:
      'Code of the body the records come from: a department (GET /api/departments), or court, housing_fund, mnr, utilities',
  },
);

/** Query of a credit file's upload (the body is the file itself, `application/octet-stream`). */
export const CreditImportUploadQuery = Strict({
  fileName: Type.String({ minLength: 1, maxLength: 255 }),
  mode: ImportModeSchema,
  /** The department the records come from: stored on every record of the file. */
  department: DepartmentCode,
});

/** Query of the coverage: a region of the caller's scope (default: their own, or the country). */
export const CreditCoverageQuery = Strict({ region: Type.Optional(RegionCode) });

/** Query of the coverage's download. */
export const CreditCoverageExportQuery = Strict({
  region: Type.Optional(RegionCode),
  format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
});

/** One category's coverage in a region: published records and the enterprises they are about. */
export const CreditCoverageRowSchema = Type.Object({
  category: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  /** Enterprises of the region with at least one published record of the category. */
  enterprises: Type.Integer(),
  /** Published records of the category about the region's enterprises. */
  records: Type.Integer(),
  /** `enterprises` over the region's enterprises (0 when it has none), from 0 to 1. */
  share: Type.Number(),
  /** The newest and the median as-of date (决定日期) of the published records: how fresh. */
  newest: Nullable(DateOnly),
  median: Nullable(DateOnly),
});

/** The coverage of credit information in a region, by category of the sharing list. */
export const CreditCoverageSchema = Type.Object({
  regionCode: Nullable(Type.String()),
  /** The region's enterprises, as the registry counts them. */
  enterprises: Type.Integer(),
  /** The day the publication periods were read on. */
  asOf: DateOnly,
  categories: Type.Array(CreditCoverageRowSchema),
});
export type CreditCoverage = Static<typeof CreditCoverageSchema>;
export type CreditCoverageRow = Static<typeof CreditCoverageRowSchema>;
