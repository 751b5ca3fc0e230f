/**
 * API schemas of case attachments (issue 5: a demand's attachments, an arrears complaint's evidence), and the
 * allow-list of file types shared by the server (which sniffs the content) and the web app (which checks the
 * extension and size before sending; the server decides).
 */
import Type from 'typebox';
import { DateTime, Strict } from './common.ts';

/** The file types a case accepts: each with its extensions and the Content-Type it is served with. */
export const ATTACHMENT_TYPES = {
  pdf: { extensions: ['pdf'], contentType: 'application/pdf' },
  jpeg: { extensions: ['jpg', 'jpeg'], contentType: 'image/jpeg' },
  png: { extensions: ['png'], contentType: 'image/png' },
  gif: { extensions: ['gif'], contentType: 'image/gif' },
  webp: { extensions: ['webp'], contentType: 'image/webp' },
  docx: {
    extensions: ['docx'],
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  xlsx: {
    extensions: ['xlsx'],
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  pptx: {
    extensions: ['pptx'],
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  },
  doc: { extensions: ['doc'], contentType: 'application/msword' },
  xls: { extensions: ['xls'], contentType: 'application/vnd.ms-excel' },
  ppt: { extensions: ['ppt'], contentType: 'application/vnd.ms-powerpoint' },
  // OFD (GB/T 33190-2016): the format of China's electronic invoices (数电票).
  ofd: { extensions: ['ofd'], contentType: 'application/ofd' },
  txt: { extensions: ['txt'], contentType: 'text/plain' },
  csv: { extensions: ['csv'], contentType: 'text/csv' },
} as const;

/** A kind of file a case accepts. */
export type AttachmentKind = keyof typeof ATTACHMENT_TYPES;

/** Every extension a case accepts (lower case, without the dot). */
export const ATTACHMENT_EXTENSIONS: readonly string[] = Object.values(ATTACHMENT_TYPES).flatMap(
  (type) => type.extensions,
);

/** Limits when the server is not configured otherwise (HUIQI_ATTACHMENT_MAX_BYTES, HUIQI_ATTACHMENTS_PER_CASE). */
export const ATTACHMENT_DEFAULTS = { maxBytes: 20 * 1024 * 1024, maxFiles: 20 } as const;

/** The case and one of its attachments in a path. */
export const AttachmentParams = Strict({
  id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
  attachmentId: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
});

/** The original name of an uploaded file (the body is the file itself). */
export const AttachmentUploadQuery = Strict({
  fileName: Type.String({
    minLength: 1,
    maxLength: 255,
    description: 'The original file name (UTF-8); path parts and control characters are removed',
  }),
});

/** An attachment as listed. */
export const AttachmentSchema = Type.Object({
  id: Type.Integer(),
  caseId: Type.Integer(),
  fileName: Type.String(),
  kind: Type.String({ description: 'the sniffed type: pdf, jpeg, png, docx, ofd, csv…' }),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String({ description: 'SHA-256 of the content, hexadecimal' }),
  uploadedBy: Type.Object({ name: Type.String(), role: Type.String() }),
  createdAt: DateTime,
  url: Type.String({ description: 'where to download it (as an attachment, never inline)' }),
});

/** The attachments of a case, the limits, and whether the caller may add one now. */
export const AttachmentListSchema = Type.Object({
  items: Type.Array(AttachmentSchema),
  maxBytes: Type.Integer(),
  maxFiles: Type.Integer(),
  extensions: Type.Array(Type.String()),
  canUpload: Type.Boolean(),
});
