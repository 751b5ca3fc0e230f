/** API schemas of the home pages and the public overview. */
import Type, { type Static } from 'typebox';
import { DateTime, Nullable } from './common.ts';

const Count = Type.Object({
  key: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  count: Type.Integer(),
});

const DigestCase = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  title: Type.String(),
  type: Type.String(),
  deadline: Nullable(Type.String()),
});
/** An official's open cases: counts, and the first few overdue and due soon (earliest deadline first). */
const CaseDigest = Type.Object({
  date: Type.String(),
  dueSoonUntil: Type.String(),
  open: Type.Integer(),
  overdue: Type.Object({ total: Type.Integer(), items: Type.Array(DigestCase) }),
  dueSoon: Type.Object({ total: Type.Integer(), items: Type.Array(DigestCase) }),
});

/** Published platform figures anyone may see. */
export const PublicOverviewSchema = Type.Object({
  enterpriseCount: Type.Integer(),
  byRegion: Type.Array(Count),
  bySection: Type.Array(Count),
  isDemo: Type.Boolean(),
});
export type PublicOverview = Static<typeof PublicOverviewSchema>;

/** The home page of a signed-in user; which parts are present depends on the role. */
export const HomeSchema = Type.Object({
  role: Type.String(),
  enterprise: Type.Optional(
    Type.Object({
      id: Type.Integer(),
      uscc: Type.String(),
      name: Type.String(),
      regionCode: Type.String(),
      regionName: Type.String(),
      industryCode: Type.String(),
      industryNameZh: Nullable(Type.String()),
      industryNameEn: Nullable(Type.String()),
      establishedOn: Nullable(Type.String()),
      status: Type.String(),
    }),
  ),
  institution: Type.Optional(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      kind: Type.String(),
      regionCode: Type.String(),
      regionName: Type.String(),
    }),
  ),
  region: Type.Optional(
    Type.Object({
      code: Type.String(),
      fullName: Type.String(),
      /** The full name romanised in Hanyu Pinyin: GB/T 2260 has no English names (docs/reference/regions-en.md). */
      fullNameEn: Type.String(),
      enterpriseCount: Type.Integer(),
      byChildRegion: Type.Array(Count),
      bySection: Type.Array(Count),
      /** The official's cases by deadline (absent for an admin's look at a region). */
      cases: Type.Optional(CaseDigest),
    }),
  ),
  admin: Type.Optional(
    Type.Object({
      usersByRole: Type.Array(Type.Object({ role: Type.String(), count: Type.Integer() })),
      lockedUsers: Type.Integer(),
      auditEntries: Type.Integer(),
    }),
  ),
  audit: Type.Optional(Type.Object({ entries: Type.Integer(), lastEntryAt: Nullable(DateTime) })),
  organization: Type.Optional(
    Type.Object({
      uscc: Type.String(),
      name: Type.String(),
      openClaims: Type.Integer(),
      unanswered: Type.Integer(),
      outstanding: Type.Number(),
    }),
  ),
  /** A buyer's body and its year's figures; null while the body is not registered. */
  buyingBody: Type.Optional(
    Nullable(
      Type.Object({
        id: Type.Integer(),
        uscc: Type.String(),
        name: Type.String(),
        regionCode: Type.String(),
        year: Type.Integer(),
        projects: Type.Integer(),
        suitedBudget: Type.String(),
        reserved: Type.String(),
        contracts: Type.Integer(),
        awarded: Type.String(),
        awardedSme: Type.String(),
        smallMicroReserved: Type.String(),
        awardedSmallMicro: Type.String(),
        reservedShare: Nullable(Type.String()),
        reservedSmallMicroShare: Nullable(Type.String()),
        awardedShare: Nullable(Type.String()),
        awardedSmallMicroShare: Nullable(Type.String()),
        meetsSme: Type.Boolean(),
        meetsSmallMicro: Type.Boolean(),
        grade: Nullable(Type.String()),
      }),
    ),
  ),
});
export type Home = Static<typeof HomeSchema>;

/** Query of the admin look-ups. */
export const LookupQuery = Type.Object(
  { q: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);

/** An enterprise found by the admin look-up. */
export const EnterpriseLookupSchema = Type.Object({
  id: Type.Integer(),
  uscc: Type.String(),
  name: Type.String(),
  regionCode: Type.String(),
});
export type EnterpriseLookup = Static<typeof EnterpriseLookupSchema>;

/** A financial institution found by the admin look-up. */
export const InstitutionLookupSchema = Type.Object({
  id: Type.Integer(),
  uscc: Type.String(),
  name: Type.String(),
  kind: Type.String(),
});
export type InstitutionLookup = Static<typeof InstitutionLookupSchema>;
