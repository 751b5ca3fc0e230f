/** The inbox's shared pieces: the change event the menu badge listens to, and where a notice leads for a role. */
import type { Role } from '../../shared/roles.ts';

/** The window event the inbox fires when it marks notices read (the menu's unread badge listens to it). */
export const INBOX_CHANGED = 'huiqi:inbox-changed';

/**
 * What a notice points at: the in-app page it names (`link`, a path under /app/), a policy (an enterprise's
 * matches and benefits) or a case; its kind ('credit'…).
 */
export interface NoticeTarget {
  policyId: number | null;
  caseId: number | null;
  kind?: string;
  link?: string | null;
}

/** A notice's own link when it is an in-app path under /app/ (not another site's address, not `//host`). */
function appPath(link: string | null | undefined): string | null {
  return link && /^\/app\/[^/\\]/.test(link) ? link : null;
}

/**
 * The page a notice opens for a user of `role`, or null when it points at nothing that role can open: the page the
 * notice names itself (its `link`: a financing notice's demand, receivables or list); else a policy
 * in the enterprise's "my policies"; a case on the role's own case page — the enterprise's case, the officials'
 * case page, or the debtor's view of a complaint (where the complainant stays confidential); a credit notice (a
 * bank's consent request, an answered objection) on the enterprise's credit page; a financing notice to a debtor
 * body's official (a receivable to confirm, a pledge or transfer notice) on its receivables page.
 */
export function noticeLink(role: Role, notice: NoticeTarget): string | null {
  const own = appPath(notice.link);
  if (own) return own;
  if (notice.kind === 'credit' && role === 'enterprise') return '/app/credit-records';
  if (notice.kind === 'financing' && role === 'payer' && notice.caseId === null)
    return '/app/payer/receivables';
  if (notice.policyId !== null && role === 'enterprise') return `/app/my-policies?policy=${notice.policyId}`;
  if (notice.caseId === null) return null;
  switch (role) {
    case 'enterprise':
      return `/app/my-cases/${notice.caseId}`;
    case 'official':
    case 'admin':
      return `/app/cases/${notice.caseId}`;
    case 'payer':
      return `/app/claims/${notice.caseId}`;
    default:
      return null;
  }
}
