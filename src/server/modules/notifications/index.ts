/** Public surface of notifications. */
export type { NewNotification, NotificationTransport, OutgoingMessage } from './notifications.service.ts';
export {
  DELIVERY_JOB,
  deliveryHandler,
  listInbox,
  loggingTransport,
  markPolicyRead,
  markRead,
  notificationCtes,
  notify,
  policyNoticeReach,
  queueDelivery,
} from './notifications.service.ts';
