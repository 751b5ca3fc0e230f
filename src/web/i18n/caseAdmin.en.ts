/** English messages of officials' case queue and case pages. */
import type { caseAdminZh } from './caseAdmin.zh-CN.ts';

export const caseAdminEn: Record<keyof typeof caseAdminZh, string> = {};
