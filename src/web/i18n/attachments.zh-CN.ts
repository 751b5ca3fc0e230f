/** Simplified Chinese messages of case attachments. */
export const attachmentsZh = {};
