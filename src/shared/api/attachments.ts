/**
 * API schemas of case attachments (issue 5: a demand's attachments, an arrears complaint's evidence), and the
 * allow-list of file types shared by the server (which sniffs the content) and the web app (which checks the
 * extension and size before sending; the server decides).
 */
import Type from 'typebox';
import { DateTime, Strict } from './common.ts';

export {
  ATTACHMENT_DEFAULTS,
  ATTACHMENT_EXTENSIONS,
  ATTACHMENT_TYPES,
  type AttachmentKind,
} from '../attachment-types.ts';

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
