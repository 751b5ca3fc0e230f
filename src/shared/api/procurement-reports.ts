/**
 * API schemas of the buying bodies' annual public reports of SME procurement (issue 17, measure 8): a body's year
 * as a snapshot of the procurement module's figures (财库〔2020〕46号, 财库〔2022〕19号; docs/reference/procurement.md),
 * generated as a draft, previewed, published, and corrected as a new version with a note; the officials' list of a
 * region's bodies with their report's state; the public list and page of the published reports.
 */
import Type from 'typebox';
import { DateTime, Nullable, Page, PageQuery, RegionCode, Strict } from './common.ts';
import { FigureLineSchema, FigureLinesSchema } from './procurement.ts';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });
const Kind = Type.Union([Type.Literal('goods'), Type.Literal('services'), Type.Literal('works')]);
/**
 * A report's year. The schema takes any year from 2000 so that one before the rules' start (2021) or after the
 * current year is refused by the service with the reason, naming `year`.
 */
const ReportYear = Type.Integer({ minimum: 2000, maximum: 2100 });
const Commentary = Type.String({ maxLength: 5000 });
const CorrectionNote = Type.String({ maxLength: 1000 });
const ReportState = Type.Union([Type.Literal('draft'), Type.Literal('published')]);
const ListState = Type.Union([Type.Literal('none'), Type.Literal('draft'), Type.Literal('published')]);
const Format = Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]);
const Lang = Type.Union([Type.Literal('zh'), Type.Literal('en')]);

// ---- the snapshot of a year ----

/**
 * A part of the year's figures is the shares page's (money in yuan, shares in per cent, as text): its schema, reused
 * from the shares API so the two cannot drift apart.
 */
const FigureLine = FigureLineSchema;
const FigureLines = FigureLinesSchema;

/** What a report states of its body's year, fixed when it is generated (stored as it is, JSON). */
export const ReportFiguresSchema = Type.Object({
  body: Type.Object({
    uscc: Type.String(),
    name: Type.String(),
    regionCode: Type.String(),
    kind: Type.String(),
  }),
  year: Type.Integer(),
  /** The rules' version judging the year (in force on its last day), and those the year's projects were judged by. */
  rulesId: Type.String(),
  projectRulesIds: Type.Array(Type.String()),
  /** The documents of those rules, as src/reference/procurement.ts holds them. */
  documents: Type.Array(
    Type.Object({
      documentNumber: Type.String(),
      titleZh: Type.String(),
      titleEn: Type.String(),
      effectiveFrom: Type.String(),
    }),
  ),
  smeShareMin: Type.String(),
  smallMicroShareMin: Type.String(),
  /** What the year is judged on: the awards in projects suited to SMEs; without any, the plan's reservations. */
  judgedOn: Type.Union([Type.Literal('awards'), Type.Literal('plan'), Type.Literal('none')]),
  /** The year against the lines as `annualShares` gives it (null: nothing to judge). */
  shares: Nullable(
    Type.Object({
      smeShare: Nullable(Type.String()),
      smallMicroShare: Nullable(Type.String()),
      meetsSmeShare: Type.Boolean(),
      meetsSmallMicroShare: Type.Boolean(),
    }),
  ),
  /** The SBA-style grade and how it is given. */
  grade: Type.Object({ grade: Nullable(Type.String()), method: Text }),
  total: FigureLine,
  byKind: FigureLines,
  /** The year's projects not suited to SMEs, each with the reason stated. */
  notSuited: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      kind: Kind,
      budget: Type.String(),
      exemption: Type.String(),
      exemptionNote: Type.String(),
    }),
  ),
});

// ---- buyers and officials ----

export const ReportGenerateBody = Strict({
  /** The body (officials: one of their region; a buyer: their own, which is the default). */
  bodyId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 })),
  year: ReportYear,
  commentaryZh: Type.Optional(Commentary),
  commentaryEn: Type.Optional(Commentary),
  /** Required when the year has a published report: what the correction changes. */
  correctionNote: Type.Optional(CorrectionNote),
});
export const ReportUpdateBody = Strict({
  commentaryZh: Commentary,
  commentaryEn: Type.Optional(Commentary),
  correctionNote: Type.Optional(CorrectionNote),
  version: Type.Integer({ minimum: 1 }),
});
export const ReportPublishBody = Strict({ version: Type.Integer({ minimum: 1 }) });

const VersionEntry = Type.Object({
  id: Type.Integer(),
  reportVersion: Type.Integer(),
  state: ReportState,
  generatedAt: DateTime,
  publishedAt: Nullable(DateTime),
  correctionNote: Nullable(Type.String()),
});

export const ReportSchema = Type.Object({
  id: Type.Integer(),
  bodyId: Type.Integer(),
  bodyName: Type.String(),
  regionCode: Type.String(),
  year: Type.Integer(),
  reportVersion: Type.Integer(),
  state: ReportState,
  figures: ReportFiguresSchema,
  rulesId: Type.String(),
  documents: Type.Array(Type.String()),
  commentaryZh: Type.String(),
  commentaryEn: Type.String(),
  correctionNote: Nullable(Type.String()),
  generatedAt: DateTime,
  generatedByRole: Nullable(Type.String()),
  publishedAt: Nullable(DateTime),
  publishedByRole: Nullable(Type.String()),
  version: Type.Integer(),
  /** Every version of the body's report of the year, oldest first. */
  versions: Type.Array(VersionEntry),
});

export const ReportListQuery = Strict({
  year: Type.Integer({ minimum: 2021, maximum: 2100 }),
  /** A region under the official's (default: the official's own; admins: national). A buyer sees their body. */
  regionCode: Type.Optional(RegionCode),
  state: Type.Optional(ListState),
  /** A body's name (part of it) or USCC. */
  q: Type.Optional(Type.String({ maxLength: 100 })),
  ...PageQuery,
});
export const ReportListExportQuery = Strict({
  year: Type.Integer({ minimum: 2021, maximum: 2100 }),
  regionCode: Type.Optional(RegionCode),
  state: Type.Optional(ListState),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  format: Format,
  lang: Type.Optional(Lang),
});
export const ReportListItemSchema = Type.Object({
  bodyId: Type.Integer(),
  bodyName: Type.String(),
  uscc: Type.String(),
  regionCode: Type.String(),
  /** none: no report of the year; draft: one in the making, none published; published: at least one published. */
  state: ListState,
  /** The latest published version. */
  reportId: Nullable(Type.Integer()),
  reportVersion: Nullable(Type.Integer()),
  publishedAt: Nullable(DateTime),
  /** A draft in the making (a first version or a correction). */
  draft: Nullable(Type.Object({ id: Type.Integer(), reportVersion: Type.Integer(), generatedAt: DateTime })),
});
export const ReportListSchema = Type.Object({
  ...Page(ReportListItemSchema).properties,
  year: Type.Integer(),
  /** The bodies of each state (of all found, not only this page). */
  counts: Type.Object({ none: Type.Integer(), draft: Type.Integer(), published: Type.Integer() }),
});

// ---- the public ----

export const PublicReportListQuery = Strict({
  year: Type.Optional(Type.Integer({ minimum: 2021, maximum: 2100 })),
  regionCode: Type.Optional(RegionCode),
  /** A body's name (part of it). */
  q: Type.Optional(Type.String({ maxLength: 100 })),
  ...PageQuery,
});
export const PublicReportItemSchema = Type.Object({
  id: Type.Integer(),
  bodyName: Type.String(),
  regionCode: Type.String(),
  year: Type.Integer(),
  reportVersion: Type.Integer(),
  publishedAt: DateTime,
  judgedOn: Type.String(),
  smeShare: Nullable(Type.String()),
  smallMicroShare: Nullable(Type.String()),
  meetsSmeShare: Type.Boolean(),
  meetsSmallMicroShare: Type.Boolean(),
  grade: Nullable(Type.String()),
});
export const PublicReportListSchema = Page(PublicReportItemSchema);
export const PublicReportSchema = Type.Object({
  /** The latest published version of the body's year (whichever version's id was asked for). */
  id: Type.Integer(),
  bodyName: Type.String(),
  regionCode: Type.String(),
  year: Type.Integer(),
  reportVersion: Type.Integer(),
  figures: ReportFiguresSchema,
  rulesId: Type.String(),
  documents: Type.Array(Type.String()),
  commentaryZh: Type.String(),
  commentaryEn: Type.String(),
  correctionNote: Nullable(Type.String()),
  publishedAt: DateTime,
  /** Every published version, oldest first: when, and what each correction changed. */
  history: Type.Array(
    Type.Object({
      id: Type.Integer(),
      reportVersion: Type.Integer(),
      publishedAt: DateTime,
      correctionNote: Nullable(Type.String()),
    }),
  ),
});
export const PublicReportExportQuery = Strict({ format: Format, lang: Type.Optional(Lang) });
