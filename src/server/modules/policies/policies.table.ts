/** Kysely table types owned by the policies module. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

/** Where a policy is: being written, in the library, or taken out of it. */
export type PolicyStatus = 'draft' | 'published' | 'withdrawn';

/** `policies`: a policy being edited (its draft) and the number of its published version. */
export interface PoliciesTable {
  id: Generated<number>;
  slug: string;
  /** Shipped as a file in rules/policies, or written by an official in Huiqi. */
  source: 'file' | 'official';
  status: Generated<PolicyStatus>;
  /** The definition being edited (a PolicyDefinition); equals the current version when nothing changed. */
  draft: Json;
  /** The draft differs from the published version. */
  draft_changed: Generated<boolean>;
  current_version: number | null;
  /** Region prefix of the officials who may edit it ('' national). */
  owner_region: Generated<string>;
  is_demo: Generated<boolean>;
  file_fingerprint: string | null;
  /** Optimistic lock for edits. */
  version: Generated<number>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** `policy_versions`: immutable published snapshots with the library's searchable columns. */
export interface PolicyVersionsTable {
  policy_id: number;
  version: number;
  definition: Json;
  title_zh: string;
  title_en: string;
  issuer: string;
  document_number: string;
  issued_on: string | null;
  effective_from: string;
  expires_on: string | null;
  regions: string[];
  method: 'automatic' | 'fast' | 'application';
  topics: string[];
  /** Size classes the rule asks for (the library's size filter); empty when it does not ask. */
  sizes: string[];
  is_demo: boolean;
  search_terms: string[];
  change_note: string | null;
  published_by: number | null;
  published_at: Timestamp;
}

/** `policy_matches`: an enterprise that qualifies for a policy now, under the version that decided it. */
export interface PolicyMatchesTable {
  policy_id: number;
  enterprise_id: number;
  version: number;
  matched_at: Timestamp;
}

/** Matching's working set inside one transaction (empty to every other): the pairs that qualify now. */
export interface PolicyMatchCandidatesTable {
  enterprise_id: number;
  policy_id: number;
}

/** Where a 免申即享 benefit is. */
export type BenefitStatus = 'listed' | 'sent' | 'confirmed' | 'declined' | 'paid';

/** `policy_benefits`: one enterprise on a 免申即享 list. */
export interface PolicyBenefitsTable {
  id: Generated<number>;
  policy_id: number;
  version: number;
  enterprise_id: number;
  status: BenefitStatus;
  listed_at: Timestamp;
  sent_at: Date | null;
  responded_at: Date | null;
  responded_by: number | null;
  response_note: string | null;
  amount: string | null;
  paid_on: string | null;
  paid_recorded_by: number | null;
  row_version: Generated<number>;
}

/** How an enterprise applied for a 需申报 policy. */
export type ApplicationChannel = 'online' | 'office' | 'other';

/**
 * `policy_applications`: an enterprise's record that it applied for a policy version (distributed by enterprise:
 * `enterprise_id` leads the primary key).
 */
export interface PolicyApplicationsTable {
  enterprise_id: number;
  policy_id: number;
  version: number;
  applied_at: Timestamp;
  channel: ApplicationChannel;
  note: string | null;
  recorded_by: number;
}
