/**
 * The allow-list of attachment file types and the default limits, shared by the server (which sniffs the content) and
 * the web app (which checks the extension and size before sending; the server decides). Plain data, without the
 * schema library, so the web app can import it.
 */

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

/** The kinds of file a qualification's evidence may be, and how many files one qualification may have. */
export const QUALIFICATION_EVIDENCE = {
  kinds: ['pdf', 'jpeg', 'png', 'gif', 'webp'],
  extensions: ['pdf', 'jpg', 'jpeg', 'png', 'gif', 'webp'],
  maxFiles: 5,
} as const;
