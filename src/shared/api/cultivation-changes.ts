/**
 * Keeping a recognition (issue 18; docs/reference/cultivation.md §6.1, §9): the enterprise's material-change
 * reports and annual data update, the officials' lists of changes and recognitions and their decisions. TypeBox
 * schemas shared by the server's routes and the web client.
 */
import Type from 'typebox';
import { DateOnly, DateTime, Nullable, Page, PageQuery, Strict } from './common.ts';
import { TierSchema } from './cultivation.ts';

export const ChangeKindSchema = Type.Union([
  Type.Literal('rename'),
  Type.Literal('merger'),
  Type.Literal('relocation'),
]);
export const ChangeStateSchema = Type.Union([
  Type.Literal('open'),
  Type.Literal('reported'),
  Type.Literal('accepted'),
  Type.Literal('revoked'),
]);
export const RecognitionStateSchema = Type.Union([
  Type.Literal('valid'),
  Type.Literal('flagged'),
  Type.Literal('expired'),
  Type.Literal('revoked'),
]);
const Text = Type.Object({ zh: Type.String(), en: Type.String() });

/** A material change as its readers see it. */
export const ChangeSchema = Type.Object({
  id: Type.Integer(),
  enterpriseId: Type.Integer(),
  applicationId: Type.Integer(),
  enterpriseName: Type.String(),
  uscc: Type.String(),
  tier: TierSchema,
  kind: ChangeKindSchema,
  state: ChangeStateSchema,
  /** Found by the daily run in the registry (not reported by the enterprise first). */
  detected: Type.Boolean(),
  changedOn: Nullable(DateOnly),
  foundOn: Nullable(DateOnly),
  dueOn: DateOnly,
  /** Past its due day and not reported. */
  overdue: Type.Boolean(),
  oldName: Nullable(Type.String()),
  newName: Nullable(Type.String()),
  oldRegionCode: Nullable(Type.String()),
  oldRegionName: Nullable(Type.String()),
  newRegionCode: Nullable(Type.String()),
  newRegionName: Nullable(Type.String()),
  party: Nullable(Type.String()),
  description: Nullable(Type.String()),
  reportedAt: Nullable(DateTime),
  flaggedOn: Nullable(DateOnly),
  decidedAt: Nullable(DateTime),
  decisionComment: Nullable(Type.String()),
  /** The recognising region (the application's), which decides. */
  regionCode: Type.String(),
  /** What the reader may do with it now. */
  actions: Type.Array(Type.Union([Type.Literal('accept'), Type.Literal('revoke')])),
  version: Type.Integer(),
});

/** A recognition as kept: its validity, state, flag and this year's data update. */
export const RecognitionSchema = Type.Object({
  enterpriseId: Type.Integer(),
  applicationId: Type.Integer(),
  enterpriseName: Type.String(),
  uscc: Type.String(),
  tier: TierSchema,
  regionCode: Type.String(),
  regionName: Type.String(),
  validFrom: Nullable(DateOnly),
  validTo: Nullable(DateOnly),
  state: RecognitionStateSchema,
  flaggedOn: Nullable(DateOnly),
  flagReason: Nullable(Text),
  /** Changes waiting to be reported or decided. */
  pendingChanges: Type.Integer(),
  /** This year's data update done (the facts of the data year saved this year). */
  updateDone: Type.Boolean(),
  updatedOn: Nullable(DateOnly),
});

/** The enterprise's side: its recognitions, its changes, this year's update and the reminder's day. */
export const MyChangesSchema = Type.Object({
  today: DateOnly,
  recognitions: Type.Array(RecognitionSchema),
  changes: Type.Array(ChangeSchema),
  update: Type.Object({
    dataYear: Type.Integer(),
    done: Type.Boolean(),
    updatedOn: Nullable(DateOnly),
    remindOn: Type.String({ description: 'MM-DD' }),
    remindOnIsDefault: Type.Boolean(),
  }),
  reportMonths: Type.Integer(),
});

export const ReportChangeBody = Strict({
  kind: ChangeKindSchema,
  changedOn: Type.String({ maxLength: 10 }),
  newName: Type.Optional(Type.String({ maxLength: 200 })),
  newRegionCode: Type.Optional(Type.String({ maxLength: 6 })),
  party: Type.Optional(Type.String({ maxLength: 200 })),
  description: Type.String({ maxLength: 2000 }),
});

export const ChangesQuery = Strict({
  ...PageQuery,
  state: Type.Optional(ChangeStateSchema),
  tier: Type.Optional(TierSchema),
  kind: Type.Optional(ChangeKindSchema),
  q: Type.Optional(Type.String({ maxLength: 100 })),
});
export const ChangesPageSchema = Page(ChangeSchema);

export const RecognitionsQuery = Strict({
  ...PageQuery,
  state: Type.Optional(RecognitionStateSchema),
  tier: Type.Optional(TierSchema),
  lacksUpdate: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 100 })),
});
export const RecognitionsPageSchema = Page(RecognitionSchema);

const Format = Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]);
const Lang = Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')]));
export const ChangesExportQuery = Strict({
  state: Type.Optional(ChangeStateSchema),
  tier: Type.Optional(TierSchema),
  kind: Type.Optional(ChangeKindSchema),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  format: Format,
  lang: Lang,
});
export const RecognitionsExportQuery = Strict({
  state: Type.Optional(RecognitionStateSchema),
  tier: Type.Optional(TierSchema),
  lacksUpdate: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  format: Format,
  lang: Lang,
});

export const ChangeParams = Strict({
  enterpriseId: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
  id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
});
export const DecideChangeBody = Strict({
  version: Type.Integer({ minimum: 1 }),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
});

export const UpdateDaySchema = Type.Object({
  provinceCode: Type.String(),
  remindOn: Type.String(),
  isDefault: Type.Boolean(),
});
export const UpdateDayBody = Strict({ remindOn: Type.String({ maxLength: 5 }) });
export const UpdateDayParams = Strict({ provinceCode: Type.String({ pattern: '^[0-9]{2}0000$' }) });
