/** What a failed request means to the person: retry only what a retry can fix; a missing record is named. */
import { ApiError, NETWORK_ERROR } from '../api/client.ts';
import type { MessageKey } from '../i18n/core.ts';

/** Whether trying again may help: the network, a 5xx (the server or its database), or a non-API failure. */
export function isRetryable(error: Error): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.code === NETWORK_ERROR || error.status === 0 || error.status >= 500;
}

/** Whether the record asked for does not exist (or is not the caller's to see). */
export function isNotFound(error: Error): boolean {
  return error instanceof ApiError && error.status === 404;
}

/** The kind of record of a page's path ('/app/cases/12' → 案件), for "未找到案件 12". */
const RECORD_KINDS: Record<string, MessageKey> = {
  policies: 'error.record.policy',
  cases: 'error.record.case',
  'my-cases': 'error.record.case',
  claims: 'error.record.claim',
  enterprises: 'error.record.enterprise',
  users: 'error.record.user',
  projects: 'error.record.procurementProject',
  awards: 'error.record.procurementAward',
};

/** The record a detail page's path names: its kind's message key and its id, or null. */
export function recordOfPath(pathname: string): { kind: MessageKey; id: string } | null {
  const parts = pathname.split('/').filter(Boolean);
  for (let i = parts.length - 2; i >= 0; i--) {
    const kind = RECORD_KINDS[parts[i] as string];
    if (kind) return { kind, id: decodeURIComponent(parts[i + 1] as string) };
  }
  return null;
}
