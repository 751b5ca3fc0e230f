/**
 * Kysely table types owned by the financing module (issue 15, measures 9–13; migrations 20261213_0100_financing,
 * 20261213_0200_receivables, 20261213_0300_financing_recommendations).
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateColumn = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type Json<T> = ColumnType<T, string, string>;
/**
 * numeric: the shared parser reads it as a number; the module's queries read money and rates as text
 * (`trim_scale(x)::text`), so the API carries decimal strings and no amount goes through floating point.
 */
type Numeric = ColumnType<number, string, string>;
type NullableNumeric = ColumnType<number | null, string | null | undefined, string | null>;
type NumericDefault = ColumnType<number, string | undefined, string>;

/** `financing_settings` (reference): the dated figures of the financing rules, a region's own or national (''). */
export interface FinancingSettingsTable {
  key: string;
  region_code: Generated<string>;
  effective_from: DateColumn;
  value: Numeric;
  unit: 'working_days' | 'days' | 'wan_yuan' | 'percent';
  basis: string;
  verified: boolean;
  updated_by: number | null;
  updated_at: Timestamp;
}

/** `loan_products` (reference): a bank's product; who qualifies in the policy rule language. */
export interface LoanProductsTable {
  id: Generated<number>;
  institution_id: number;
  name: string;
  kind: string;
  description: Generated<string>;
  amount_min: Numeric;
  amount_max: Numeric;
  term_min_months: number;
  term_max_months: number;
  rate_min: Numeric;
  rate_max: Numeric;
  guarantee_fee_rate: NullableNumeric;
  regions: string[];
  rule: Json<unknown> | null;
  status: 'published' | 'withdrawn';
  version: Generated<number>;
  created_by: number;
  created_at: Timestamp;
  updated_by: number | null;
  updated_at: Timestamp;
}

export type DemandState = 'open' | 'in_progress' | 'granted' | 'declined' | 'withdrawn';

/** `financing_demands` (distributed by enterprise): a demand, with the anonymised profile as it was when posted. */
export interface FinancingDemandsTable {
  enterprise_id: number;
  id: Generated<number>;
  amount: Numeric;
  term_months: number;
  purposes: string[];
  description: string;
  collateral: string[];
  max_rate: NullableNumeric;
  show_profile: boolean;
  exclusive: Generated<boolean>;
  product_id: number | null;
  state: DemandState;
  region_code: string;
  industry_code: string | null;
  size_class: string | null;
  established_on: NullableDate;
  grade: string | null;
  posted_on: DateColumn;
  pickup_due: DateColumn;
  widened: Generated<boolean>;
  escalated_at: NullableTimestamp;
  referred: Generated<boolean>;
  created_by: number;
  created_at: Timestamp;
  closed_at: NullableTimestamp;
  version: Generated<number>;
  receivable_id: number | null;
}

export type ResponseState =
  | 'picked_up'
  | 'contacted'
  | 'visited'
  | 'granted'
  | 'declined'
  | 'disbursed'
  | 'released'
  | 'withdrawn';

/** `financing_responses` (distributed by enterprise): one bank's handling of one demand. */
export interface FinancingResponsesTable {
  enterprise_id: number;
  id: Generated<number>;
  demand_id: number;
  institution_id: number;
  state: ResponseState;
  region_code: string;
  product_kind: string | null;
  picked_up_by: number;
  picked_up_at: Timestamp;
  picked_up_on: DateColumn;
  contact_due: DateColumn;
  decision_due: DateColumn;
  contacted_at: NullableTimestamp;
  visited_at: NullableTimestamp;
  decided_at: NullableTimestamp;
  granted_amount: NullableNumeric;
  granted_rate: NullableNumeric;
  granted_term_months: number | null;
  security: 'credit' | 'secured' | null;
  first_loan: boolean | null;
  decline_reason: string | null;
  decline_text: string | null;
  disbursed_at: NullableTimestamp;
  disbursed_amount: NullableNumeric;
  closed_at: NullableTimestamp;
  rating: number | null;
  rating_comment: string | null;
  rated_at: NullableTimestamp;
  profile_shown: Generated<boolean>;
  /** The day the bank was last told the response is past a deadline (the daily run). */
  late_notified_on: NullableDate;
  version: Generated<number>;
}

/** `financing_events` (distributed by enterprise): a demand's timeline. */
export interface FinancingEventsTable {
  enterprise_id: number;
  id: Generated<number>;
  demand_id: number;
  response_id: number | null;
  institution_id: number | null;
  kind: string;
  actor_role: string;
  actor_id: number | null;
  detail: Json<Record<string, unknown>>;
  at: Timestamp;
}

/** `financing_matches` (distributed by enterprise): the products an open demand fits (its boards' index). */
export interface FinancingMatchesTable {
  enterprise_id: number;
  demand_id: number;
  product_id: number;
  institution_id: number;
  demand_created_at: Timestamp;
}

export type ReceivableState = 'requested' | 'confirmed' | 'disputed' | 'financed' | 'withdrawn';

/** `receivables` (distributed by enterprise, the creditor): a receivable its debtor is asked to confirm. */
export interface ReceivablesTable {
  enterprise_id: number;
  id: Generated<number>;
  debtor_uscc: string;
  debtor_name: string;
  debtor_kind: 'government' | 'public_institution' | 'large_enterprise';
  region_code: string;
  contract_number: string;
  amount: Numeric;
  due_on: NullableDate;
  case_id: number | null;
  state: ReceivableState;
  requested_by: number;
  requested_at: Timestamp;
  requested_on: DateColumn;
  confirm_due: DateColumn;
  reminded_on: NullableDate;
  late_notified_on: NullableDate;
  escalated_case_id: number | null;
  answered_by: number | null;
  answered_at: NullableTimestamp;
  confirmed_amount: NullableNumeric;
  dispute_reason: string | null;
  financed_demand_id: number | null;
  financed_institution_id: number | null;
  financed_at: NullableTimestamp;
  notice_kind: 'pledge' | 'transfer' | null;
  version: Generated<number>;
}

/**
 * `financing_stats` (local): signed deltas by month × region level (prefix '', province, city, county) × breakdown
 * (the region's own figures '', by child region, bank, product kind, decline reason) and the breakdown's key.
 */
export interface FinancingStatsTable {
  month: DateColumn;
  region_prefix: string;
  breakdown: Generated<'' | 'region' | 'bank' | 'kind' | 'reason'>;
  key: Generated<string>;
  demands: Generated<number>;
  first_pickups: Generated<number>;
  pickups: Generated<number>;
  contacted: Generated<number>;
  contact_hours: NumericDefault;
  granted: Generated<number>;
  granted_amount: NumericDefault;
  first_loans: Generated<number>;
  credit_loans: Generated<number>;
  rate_sum: NumericDefault;
  declined: Generated<number>;
  disbursed: Generated<number>;
  disbursed_amount: NumericDefault;
}

export type RecommendationState = 'listed' | 'pushed' | 'contacted' | 'decided' | 'removed';
export type RecommendationOutcome = 'granted' | 'declined' | 'no_need';

/**
 * `financing_recommendations` (distributed by enterprise): an enterprise on a year's recommended list of the 2024
 * coordination mechanism (all five tests passed), the bank it is pushed to, the bank's contact and decision.
 */
export interface FinancingRecommendationsTable {
  enterprise_id: number;
  id: Generated<number>;
  region_code: string;
  list_year: number;
  compliant_operation: boolean;
  fixed_premises: boolean;
  real_need: boolean;
  good_credit: boolean;
  compliant_purpose: boolean;
  need_amount: NullableNumeric;
  note: string | null;
  listed_by: number;
  listed_at: Timestamp;
  institution_id: number | null;
  pushed_by: number | null;
  pushed_at: NullableTimestamp;
  pushed_on: NullableDate;
  decide_due: NullableDate;
  contacted_at: NullableTimestamp;
  contact_note: string | null;
  outcome: RecommendationOutcome | null;
  decided_at: NullableTimestamp;
  granted_amount: NullableNumeric;
  decline_reason: string | null;
  decline_text: string | null;
  removed_by: number | null;
  removed_at: NullableTimestamp;
  removed_reason: string | null;
  /** The day the bank was told the decision is late (the daily run). */
  late_notified_on: NullableDate;
  state: RecommendationState;
  version: Generated<number>;
}
