/** API schemas of the enterprise registry and size classification (measure 3). */
import Type, { type Static } from 'typebox';
import { DateOnly, DateTime, Nullable, PageQuery, RegionCode, Strict } from './common.ts';

export { QUALIFICATION_EVIDENCE } from '../attachment-types.ts';

/** A size class under a standard. */
export const SizeSchema = Type.Union([
  Type.Literal('large'),
  Type.Literal('medium'),
  Type.Literal('small'),
  Type.Literal('micro'),
  Type.Literal('not_covered'),
  Type.Literal('invalid'),
]);
export type Size = Static<typeof SizeSchema>;

/** Registration status. */
export const EnterpriseStatusSchema = Type.Union([
  Type.Literal('active'),
  Type.Literal('suspended'),
  Type.Literal('revoked'),
  Type.Literal('cancelled'),
]);

/** Filters of the enterprise list (and its export). */
export const EnterpriseFilterProperties = {
  q: Type.Optional(
    Type.String({ maxLength: 100, description: 'name (Chinese, partial), pinyin initials or USCC prefix' }),
  ),
  region: Type.Optional(RegionCode),
  industry: Type.Optional(
    Type.String({ pattern: '^[A-Ta-t](\\d{2,4})?$', description: 'GB/T 4754 section or code prefix' }),
  ),
  size: Type.Optional(SizeSchema),
  year: Type.Optional(Type.Integer({ minimum: 1949, maximum: 2100 })),
  status: Type.Optional(EnterpriseStatusSchema),
};

/** Query of the enterprise list. */
export const EnterpriseListQuery = Strict({
  ...EnterpriseFilterProperties,
  sort: Type.Optional(
    Type.Union([
      Type.Literal('relevance'),
      Type.Literal('name'),
      Type.Literal('established'),
      Type.Literal('updated'),
    ]),
  ),
  after: Type.Optional(
    Type.String({
      maxLength: 600,
      description:
        'the nextCursor of the previous page (sort by name only): the page after it, read by keyset',
    }),
  ),
  ...PageQuery,
});
export type EnterpriseListQuery = Static<typeof EnterpriseListQuery>;

/** Query of the export. */
export const EnterpriseExportQuery = Strict({
  ...EnterpriseFilterProperties,
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
  lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])),
});

/** One row of the enterprise list. */
export const EnterpriseRowSchema = Type.Object({
  id: Type.Integer(),
  uscc: Type.String(),
  name: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  industryCode: Type.String(),
  industryNameZh: Nullable(Type.String()),
  industryNameEn: Nullable(Type.String()),
  status: Type.String(),
  establishedOn: Nullable(Type.String()),
  year: Nullable(Type.Integer()),
  size: Nullable(SizeSchema),
});
export type EnterpriseRow = Static<typeof EnterpriseRowSchema>;

/** A page of the enterprise list. */
export const EnterprisePageSchema = Type.Object({
  items: Type.Array(EnterpriseRowSchema),
  /** Exact, or (totalIsEstimate) the planner's estimate when more match than the exact-count limit. */
  total: Type.Integer(),
  totalIsEstimate: Type.Boolean(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  /** Passed as `after`, gives the next page by keyset (sort by name; null on the last page and other sorts). */
  nextCursor: Nullable(Type.String()),
});
export type EnterprisePage = Static<typeof EnterprisePageSchema>;

/** Yearly figures as shown (money in 万元). */
export const FiguresSchema = Type.Object({
  /** Identifies this report of the figures (a correction is a new one); `basedOn` of a correction names it. */
  id: Type.Integer(),
  year: Type.Integer(),
  employees: Nullable(Type.Integer()),
  operatingRevenue: Nullable(Type.Number()),
  mainBusinessRevenue: Nullable(Type.Number()),
  totalAssets: Nullable(Type.Number()),
  totalLiabilities: Nullable(Type.Number()),
  rdExpense: Nullable(Type.Number()),
  rdStaff: Nullable(Type.Integer()),
  taxableIncome: Nullable(Type.Number()),
  vatTaxpayerType: Nullable(Type.Union([Type.Literal('general'), Type.Literal('small_scale')])),
  source: Type.String(),
  reportedAt: DateTime,
  isCurrent: Type.Boolean(),
});

/** An industry category of a size standard (e.g. cn-2011 `industry` 工业). */
export const SizeCategorySchema = Type.Object({
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
});

/** A size class with its reason. */
export const SizeResultSchema = Type.Object({
  year: Type.Integer(),
  standard: Type.String(),
  size: SizeSchema,
  category: Nullable(SizeCategorySchema),
  reasonZh: Type.String(),
  reasonEn: Type.String(),
});

/** An evidence file of a qualification: the certificate or the notice that ended it. */
export const QualificationEvidenceSchema = Type.Object({
  id: Type.Integer(),
  stage: Type.Union([Type.Literal('added'), Type.Literal('ended')]),
  fileName: Type.String(),
  kind: Type.String({ description: 'the sniffed type: pdf, jpeg, png, gif, webp' }),
  sizeBytes: Type.Integer(),
  uploadedBy: Type.String(),
  createdAt: DateTime,
  url: Type.String({ description: 'where to download it (as an attachment, never inline)' }),
});

/** Everything about one enterprise. */
export const EnterpriseDetailSchema = Type.Object({
  id: Type.Integer(),
  uscc: Type.String(),
  name: Type.String(),
  formerNames: Type.Array(Type.String()),
  legalRepresentative: Nullable(Type.String()),
  regionCode: Type.String(),
  regionName: Type.String(),
  industryCode: Type.String(),
  industryNameZh: Nullable(Type.String()),
  industryNameEn: Nullable(Type.String()),
  establishedOn: Nullable(Type.String()),
  status: Type.String(),
  ownershipType: Nullable(Type.String()),
  version: Type.Integer(),
  isDemo: Type.Boolean(),
  updatedAt: DateTime,
  certifications: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      validFrom: Type.String(),
      /** The last day it counts (the day before `endedOn` when ended early). */
      validTo: Nullable(Type.String()),
      source: Type.String(),
      recordedAt: DateTime,
      certificateNumber: Nullable(Type.String()),
      issuingBody: Nullable(Type.String()),
      evidenceUrl: Nullable(Type.String()),
      note: Nullable(Type.String()),
      /** Display name of the official who recorded it by hand; null for imports. */
      recordedBy: Nullable(Type.String()),
      /** The certificate's own end date when an official ended it early. */
      issuedValidTo: Nullable(Type.String()),
      /** Ended early: the first day it no longer counts, when, by whom and why. */
      endedOn: Nullable(Type.String()),
      endedAt: Nullable(DateTime),
      endedBy: Nullable(Type.String()),
      endReason: Nullable(Type.String()),
      /** Files attached when it was recorded ('added') or ended ('ended'), oldest first. */
      evidenceFiles: Type.Array(QualificationEvidenceSchema),
    }),
  ),
  figures: Type.Array(FiguresSchema),
  sizes: Type.Array(SizeResultSchema),
});
export type EnterpriseDetail = Static<typeof EnterpriseDetailSchema>;

/** An official records a qualification (资质) of an enterprise with its evidence. */
export const AddQualificationBody = Strict({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  validFrom: DateOnly,
  validTo: Type.Optional(Nullable(DateOnly)),
  certificateNumber: Type.String({ minLength: 1, maxLength: 100 }),
  issuingBody: Type.String({ minLength: 1, maxLength: 200 }),
  evidenceUrl: Type.Optional(
    Nullable(
      Type.String({ maxLength: 1000, pattern: '^https?://', description: 'a link to the certificate' }),
    ),
  ),
  note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
});
export type AddQualificationBody = Static<typeof AddQualificationBody>;

/** An official ends a qualification early: from `endedOn` on it no longer counts. */
export const EndQualificationBody = Strict({
  endedOn: DateOnly,
  reason: Type.String({ minLength: 1, maxLength: 500 }),
});
export type EndQualificationBody = Static<typeof EndQualificationBody>;

/** The original name of an evidence file (the body is the file itself) and when it was attached. */
export const QualificationEvidenceQuery = Strict({
  fileName: Type.String({
    minLength: 1,
    maxLength: 255,
    description: 'The original file name (UTF-8); path parts and control characters are removed',
  }),
  stage: Type.Union([Type.Literal('added'), Type.Literal('ended')], {
    description: "'added': the certificate of the qualification; 'ended': the notice that ended it",
  }),
});

/** An enterprise, one of its qualifications and one of that qualification's evidence files. */
export const QualificationEvidenceParams = Strict({
  id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
  qualificationId: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
  fileId: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
});

export const QualificationParams = Strict({
  id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
  qualificationId: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
});

/** An enterprise correcting its own profile; `version` guards against concurrent edits. */
export const UpdateProfileBody = Strict({
  version: Type.Integer({ minimum: 1 }),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  formerNames: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 20 })),
  legalRepresentative: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  industryCode: Type.Optional(Type.String({ maxLength: 10 })),
  establishedOn: Type.Optional(Nullable(DateOnly)),
  ownershipType: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
});

/** Yearly figures submitted by the enterprise (money in 万元). */
export const FiguresBody = Strict({
  employees: Nullable(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
  operatingRevenue: Nullable(Type.Number({ minimum: 0, maximum: 1e12 })),
  mainBusinessRevenue: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e12 }))),
  totalAssets: Nullable(Type.Number({ minimum: 0, maximum: 1e12 })),
  totalLiabilities: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e12 }))),
  rdExpense: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e12 }))),
  rdStaff: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10_000_000 }))),
  taxableIncome: Type.Optional(Nullable(Type.Number({ minimum: -1e12, maximum: 1e12 }))),
  vatTaxpayerType: Type.Optional(
    Nullable(Type.Union([Type.Literal('general'), Type.Literal('small_scale')])),
  ),
  /**
   * The current figures of the year this correction starts from (their `id`; null when none were on file). When
   * given and someone has reported the year since, the save is refused with CONFLICT instead of overwriting.
   */
  basedOn: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }))),
});
export type FiguresBody = Static<typeof FiguresBody>;

export const FiguresParams = Strict({
  id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
  year: Type.Integer({ minimum: 1949, maximum: 2100 }),
});

/** Query of the size statistics. */
export const SizeStatsQuery = Strict({
  region: Type.Optional(RegionCode),
  year: Type.Optional(Type.Integer({ minimum: 1949, maximum: 2100 })),
  standard: Type.Optional(Type.Literal('cn-2011')),
  industry: Type.Optional(Type.String({ pattern: '^[A-Ta-t](\\d{2})?$' })),
});

const StatCell = Type.Object({
  key: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  large: Type.Integer(),
  medium: Type.Integer(),
  small: Type.Integer(),
  micro: Type.Integer(),
  notCovered: Type.Integer(),
  invalid: Type.Integer(),
  total: Type.Integer(),
  /** True on the row of enterprises registered at the region's own code rather than in a child region (本级). */
  ownLevel: Type.Optional(Type.Boolean()),
});

/** Counts by size, broken down by child region and by industry, for one region subtree and year. */
export const SizeStatsSchema = Type.Object({
  region: Type.Object({
    code: Type.String(),
    fullName: Type.String(),
    /** The full name romanised in Hanyu Pinyin: GB/T 2260 has no English names (docs/reference/regions-en.md). */
    fullNameEn: Type.String(),
    level: Type.String(),
  }),
  year: Nullable(Type.Integer()),
  years: Type.Array(Type.Integer()),
  standard: Type.String(),
  totals: StatCell,
  byRegion: Type.Array(StatCell),
  byIndustry: Type.Array(StatCell),
});
export type SizeStats = Static<typeof SizeStatsSchema>;

/** The public size self-test (企业规模类型自测). */
export const SelfTestBody = Type.Union([
  Strict({
    standard: Type.Literal('cn-2011'),
    industryCode: Type.String({ minLength: 1, maxLength: 10 }),
    employees: Type.Optional(Nullable(Type.Number())),
    operatingRevenue: Type.Optional(Nullable(Type.Number())),
    mainBusinessRevenue: Type.Optional(Nullable(Type.Number())),
    totalAssets: Type.Optional(Nullable(Type.Number())),
  }),
  Strict({
    standard: Type.Literal('eu-2003'),
    headcount: Type.Number(),
    turnover: Type.Number(),
    balanceSheetTotal: Type.Number(),
    publicBodyShare: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  }),
]);

/** The answer of the self-test. */
export const SelfTestResultSchema = Type.Object({
  standard: Type.String(),
  documentNumber: Type.String(),
  size: SizeSchema,
  category: Nullable(SizeCategorySchema),
  reason: Type.String(),
  field: Nullable(Type.String()),
});

/** How an import treats bad rows: reject the whole file, or load the valid rows and report the rest. */
export const ImportModeSchema = Type.Union([Type.Literal('all_or_nothing'), Type.Literal('valid_rows')]);

/** Query of an upload (the body is the file itself, `application/octet-stream`). */
export const ImportUploadQuery = Strict({
  fileName: Type.String({ minLength: 1, maxLength: 255 }),
  mode: ImportModeSchema,
});

/** An import job and its progress. */
export const ImportJobSchema = Type.Object({
  id: Type.Integer(),
  fileName: Type.String(),
  format: Nullable(Type.String()),
  encoding: Nullable(Type.String()),
  mode: ImportModeSchema,
  status: Type.Union([
    Type.Literal('queued'),
    Type.Literal('running'),
    Type.Literal('succeeded'),
    Type.Literal('rejected'),
    Type.Literal('failed'),
  ]),
  totalBytes: Nullable(Type.Integer()),
  bytesRead: Type.Integer(),
  rowsRead: Type.Integer(),
  rowsLoaded: Type.Integer(),
  rowsRejected: Type.Integer(),
  rowsUnchanged: Type.Integer(),
  errorMessage: Nullable(Type.String()),
  createdAt: DateTime,
  /** Display name of the user who submitted the file; null for an import from the command line. */
  createdBy: Nullable(Type.String()),
  startedAt: Nullable(DateTime),
  finishedAt: Nullable(DateTime),
  /** What the file holds: the registry's enterprises or a department's credit records (issue 14). */
  kind: Type.Union([Type.Literal('enterprises'), Type.Literal('credit_records')]),
  /** A credit file's source department (its code in src/reference/departments.ts); null for enterprises. */
  sourceDepartment: Nullable(Type.String()),
});
export type ImportJob = Static<typeof ImportJobSchema>;

/** A rejected row's problem. */
export const ImportErrorSchema = Type.Object({
  row: Type.Integer(),
  field: Type.String(),
  message: Type.String(),
  /** Stable error code of the reason when it has one (such as IMPORT_ENTERPRISE_OUT_OF_SCOPE). */
  code: Nullable(Type.String()),
  /** The column as the file named it (its header text), or the field's name in the caller's language. */
  column: Type.String(),
});

/** What an import did to an enterprise. */
export const ImportChangeSchema = Type.Union([Type.Literal('created'), Type.Literal('updated')]);

/**
 * An enterprise an import created or updated, with the row that did it. Its USCC, name and region are null for
 * an official when the enterprise has since moved outside their region.
 */
export const ImportJobEnterpriseSchema = Type.Object({
  row: Type.Integer(),
  change: ImportChangeSchema,
  enterpriseId: Type.Integer(),
  uscc: Nullable(Type.String()),
  name: Nullable(Type.String()),
  regionCode: Nullable(Type.String()),
  /** The region's full name, as the page shows it (null like the others when out of the official's region). */
  regionName: Nullable(Type.String()),
});

/** Query of the enterprises an import changed. */
export const ImportJobEnterprisesQuery = Strict({
  ...PageQuery,
  change: Type.Optional(ImportChangeSchema),
});

/** Query of the download of the enterprises an import changed. */
export const ImportJobEnterprisesExportQuery = Strict({
  format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
  change: Type.Optional(ImportChangeSchema),
});

/** Query of the import template download. */
export const TemplateQuery = Strict({
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
  lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])),
});
