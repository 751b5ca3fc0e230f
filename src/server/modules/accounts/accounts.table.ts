/** Kysely table types owned by the accounts module. */
import type { ColumnType, Generated } from 'kysely';
import type { Role } from '../../../shared/roles.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** `users`: people who sign in, with their role and scope. */
export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  enterprise_id: number | null;
  institution_id: number | null;
  region_code: string | null;
  department_code: string | null;
  /** A payer's organisation (a debtor body): its USCC and name. */
  organization_uscc: Generated<string | null>;
  organization_name: Generated<string | null>;
  /** Where notifications are sent by email / SMS, if the user gave them. */
  email: Generated<string | null>;
  phone: Generated<string | null>;
  locale: Generated<'zh-CN' | 'en'>;
  is_active: Generated<boolean>;
  failed_login_count: Generated<number>;
  locked_until: Date | null;
  last_login_at: Date | null;
  password_changed_at: Timestamp;
  is_demo: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** `sessions`: one row per signed-in browser; `id` is the SHA-256 of the cookie token. */
export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Date;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}
