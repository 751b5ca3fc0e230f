/** Kysely table types owned by the notifications module. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** What a notification is about. */
export type NotificationKind =
  | 'policy_match'
  | 'benefit_confirmation'
  | 'benefit_paid'
  | 'case_update'
  | 'case_reminder'
  | 'case_supervision'
  | 'case_claim'
  | 'credit'
  | 'financing'
  | 'monitoring'
  | 'procurement'
  | 'cultivation';

/** `notifications`: an enterprise's in-app notices, read by all its users (distributed by `enterprise_id`). */
export interface NotificationsTable {
  id: Generated<number>;
  enterprise_id: number;
  case_id: number | null;
  kind: NotificationKind;
  policy_id: number | null;
  version: number | null;
  title_zh: string;
  title_en: string;
  /** The in-app page the notice opens (a path under /app/), when it names one. */
  link: Generated<string | null>;
  created_at: Timestamp;
  read_at: Date | null;
}

/** `user_notifications`: in-app notices to one user — an official, a debtor body's official (local table). */
export interface UserNotificationsTable {
  id: Generated<number>;
  user_id: number;
  case_id: number | null;
  kind: NotificationKind;
  policy_id: number | null;
  version: number | null;
  title_zh: string;
  title_en: string;
  /** The in-app page the notice opens (a path under /app/), when it names one. */
  link: Generated<string | null>;
  created_at: Timestamp;
  read_at: Date | null;
}

/**
 * `notification_deliveries`: a notice sent by email or SMS to a user — an enterprise's notice (`enterprise_id`,
 * `notification_id`) to each of its users, or a user's own notice (`user_notification_id`).
 */
export interface NotificationDeliveriesTable {
  id: Generated<number>;
  enterprise_id: number | null;
  notification_id: number | null;
  user_notification_id: number | null;
  user_id: number;
  channel: 'email' | 'sms';
  address: string;
  status: Generated<'pending' | 'sending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  /** When a delivery job took it (a job that stopped leaves it to be taken again after a while). */
  claimed_at: Date | null;
  /** Not before (back-off after a failed try). */
  next_attempt_at: Generated<Date>;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Date | null;
}
