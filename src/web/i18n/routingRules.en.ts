/** English messages of the routing-rules admin page. */
import type { routingRulesZh } from './routingRules.zh-CN.ts';

export const routingRulesEn: Record<keyof typeof routingRulesZh, string> = {};
