/** English messages of an enterprise's policies, benefits and inbox. */
import type { myPoliciesZh } from './myPolicies.zh-CN.ts';

export const myPoliciesEn: Record<keyof typeof myPoliciesZh, string> = {};
