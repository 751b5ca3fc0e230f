/** Public surface of notifications. */

export { notificationsRoutes } from './notifications.routes.ts';
export type {
  NewNotification,
  NewUserNotification,
  NotificationTransport,
  OutgoingMessage,
} from './notifications.service.ts';
export {
  DELIVERY_JOB,
  deliveryHandler,
  listInbox,
  loggingTransport,
  markPolicyRead,
  markRead,
  notificationCtes,
  notify,
  notifyUsers,
  policyNoticeReach,
  queueDelivery,
} from './notifications.service.ts';

// For other modules (issue 13)

export { findUnreadPolicyIds } from './notifications.service.ts';
