/**
 * API of case attachments for the web app: list, upload (the raw file), download addresses, and the checks made
 * before sending a file (its extension and size; the server sniffs the content and decides).
 */
import type { Static } from 'typebox';
import type { AttachmentListSchema, AttachmentSchema } from '../../shared/api/attachments.ts';
import { get, post } from './client.ts';

export {
  ATTACHMENT_DEFAULTS,
  ATTACHMENT_EXTENSIONS,
  ATTACHMENT_TYPES,
  type AttachmentKind,
} from '../../shared/attachment-types.ts';

/** An attachment as listed. */
export type Attachment = Static<typeof AttachmentSchema>;
/** The attachments of a case with the limits and whether the user may add one. */
export type AttachmentList = Static<typeof AttachmentListSchema>;

export const attachmentsApi = {
  list: (caseId: number, signal?: AbortSignal) =>
    get('/api/cases/:id/attachments', { params: { id: caseId }, signal }),
  upload: (caseId: number, file: Blob, fileName: string) =>
    post('/api/cases/:id/attachments', {
      params: { id: caseId },
      query: { fileName },
      raw: { body: file, contentType: 'application/octet-stream' },
    }),
};

/** Why a file would be refused before sending it (null: send it, the server decides). */
export type FileProblem =
  | { problem: 'noExtension' }
  | { problem: 'badType'; extension: string }
  | { problem: 'tooLarge' }
  | { problem: 'empty' };

/** The client-side checks of a picked file: an accepted extension, not empty, within the size limit. */
export function checkFile(
  file: { name: string; size: number },
  limits: { maxBytes: number; extensions: readonly string[] },
): FileProblem | null {
  const dot = file.name.lastIndexOf('.');
  const extension = dot > 0 ? file.name.slice(dot + 1).toLowerCase() : '';
  if (!extension) return { problem: 'noExtension' };
  if (!limits.extensions.includes(extension)) return { problem: 'badType', extension };
  if (file.size === 0) return { problem: 'empty' };
  if (file.size > limits.maxBytes) return { problem: 'tooLarge' };
  return null;
}

/** A file size as people read it: "850 B", "12.5 KB", "3.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 || Number.isInteger(value) ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** Where a file being uploaded stands. */
export interface UploadState {
  uid: string;
  name: string;
  status: 'waiting' | 'uploading' | 'done' | 'error';
  /** The server's (or the network's) message when it failed. */
  message?: string;
}

/**
 * Uploads files to a case one after another (the server counts them against the case's limit in order), telling
 * `onChange` how each stands; resolves with the number that failed.
 */
export async function uploadInTurn(
  caseId: number,
  files: readonly { uid: string; file: File }[],
  onChange: (uid: string, state: Partial<UploadState>) => void,
): Promise<number> {
  let failed = 0;
  for (const { uid, file } of files) {
    onChange(uid, { status: 'uploading' });
    try {
      await attachmentsApi.upload(caseId, file, file.name);
      onChange(uid, { status: 'done' });
    } catch (error) {
      failed++;
      const message = error instanceof Error ? error.message : String(error);
      onChange(uid, { status: 'error', message });
    }
  }
  return failed;
}
