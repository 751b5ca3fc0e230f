/** English messages of officials' policy pages. */
import type { policyAdminZh } from './policyAdmin.zh-CN.ts';

export const policyAdminEn: Record<keyof typeof policyAdminZh, string> = {};
