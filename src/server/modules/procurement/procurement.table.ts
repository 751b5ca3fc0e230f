/**
 * Kysely table types owned by the procurement module (issue 17, measure 8; migration 20261216_0100_procurement;
 * ADR 0031). Money is numeric, read as text where exactness matters.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateColumn = ColumnType<string, string, string>;
type Money = ColumnType<string, string, string>;
type NullableMoney = ColumnType<string | null, string | null | undefined, string | null>;
type Json<T> = ColumnType<T, string, string>;

export type ProcurementKind = 'goods' | 'services' | 'works';
export type BodyKind = 'government' | 'public_institution' | 'state_owned' | 'other';
export type ProjectState = 'planned' | 'announced' | 'awarded' | 'cancelled';
export type RequirementMode = 'below_quota' | 'whole' | 'share' | 'price_preference';
export type BidderSize = 'large' | 'medium' | 'small' | 'micro';

/** `procurement_bodies` (reference): a buying body (采购人) with its region. */
export interface ProcurementBodiesTable {
  id: Generated<number>;
  uscc: string;
  name: string;
  region_code: string;
  kind: BodyKind;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

/** `procurement_projects` (distributed by body): a project of a body's year plan and what the rules require. */
export interface ProcurementProjectsTable {
  body_id: number;
  id: Generated<number>;
  plan_year: number;
  code: string;
  name: string;
  kind: ProcurementKind;
  budget: Money;
  suited: boolean;
  exemption: string | null;
  exemption_note: Generated<string>;
  quota: NullableMoney;
  announcement_date: DateColumn;
  rules_id: string;
  mode: RequirementMode;
  reserved_min: NullableMoney;
  small_micro_min: NullableMoney;
  way: 'whole' | 'lots' | 'consortium' | 'subcontract' | null;
  reserved_amount: ColumnType<string, string | undefined, string>;
  small_micro_reserved: ColumnType<string, string | undefined, string>;
  partner_share: NullableMoney;
  state: Generated<ProjectState>;
  note: Generated<string>;
  created_by: number;
  created_at: Generated<Date>;
  updated_by: number | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** `procurement_awards` (distributed by body): a contract awarded, from the plan or an OCDS import. */
export interface ProcurementAwardsTable {
  body_id: number;
  id: Generated<number>;
  project_id: number | null;
  year: number;
  awarded_on: DateColumn;
  kind: ProcurementKind;
  suited: boolean;
  reserved: Generated<boolean>;
  title: Generated<string>;
  supplier_uscc: string | null;
  supplier_name: string;
  enterprise_id: number | null;
  amount: Money;
  declared_size: BidderSize | null;
  registry_size: string | null;
  role: Generated<'single' | 'consortium' | 'subcontract'>;
  small_micro_share: NullableMoney;
  sme_amount: Money;
  small_micro_amount: Money;
  source: 'huiqi' | 'ocds';
  /** An imported supplier's `parties[].details.scale` as the release gave it. */
  ocds_scale: string | null;
  ocid: string | null;
  ocds_award_id: string | null;
  /** The OCDS release an imported award was last written from (20261217_0200_procurement_ocds). */
  ocds_release_id: ColumnType<string | null, string | null | undefined, string | null>;
  ocds_release_date: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** An imported award's suppliers as the release named them. */
  ocds_suppliers: ColumnType<OcdsSupplier[] | null, string | null | undefined, string | null>;
  created_by: number | null;
  created_at: Generated<Date>;
  version: Generated<number>;
}

/** A supplier of an imported award as its release named it: name, USCC when given, scale as given. */
export interface OcdsSupplier {
  name: string;
  uscc: string | null;
  scale: string | null;
}

/** `procurement_declarations` (distributed by body): one 声明函 item and its check. */
export interface ProcurementDeclarationsTable {
  body_id: number;
  id: Generated<number>;
  award_id: number;
  item: string;
  tender_industry_code: string;
  declared_industry_code: string | null;
  signed_on: DateColumn;
  figures_year: number | null;
  employees: number | null;
  operating_revenue: NullableMoney;
  total_assets: NullableMoney;
  declared_size: 'medium' | 'small' | 'micro';
  standard_size: string | null;
  registry_size: string | null;
  flags: ColumnType<string[], string[] | undefined, string[]>;
  findings: Json<{ code: string; detail: { zh: string; en: string } }[]>;
  checked_at: Generated<Date>;
  created_by: number | null;
  created_at: Generated<Date>;
}

/** `procurement_shares` (local roll-up): a body's year by kind, kept by the service with each change. */
export interface ProcurementSharesTable {
  body_id: number;
  year: number;
  kind: ProcurementKind;
  region_code: string;
  projects: Generated<number>;
  budget: Generated<string>;
  suited_budget: Generated<string>;
  reserved: Generated<string>;
  small_micro_reserved: Generated<string>;
  contracts: Generated<number>;
  awarded: Generated<string>;
  awarded_suited: Generated<string>;
  awarded_sme: Generated<string>;
  awarded_small_micro: Generated<string>;
}
