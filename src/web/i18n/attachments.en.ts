/** English messages of case attachments. */
import type { attachmentsZh } from './attachments.zh-CN.ts';

export const attachmentsEn: Record<keyof typeof attachmentsZh, string> = {};
