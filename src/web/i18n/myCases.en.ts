/** English messages of an enterprise's demands and complaints. */
import type { myCasesZh } from './myCases.zh-CN.ts';

export const myCasesEn: Record<keyof typeof myCasesZh, string> = {};
