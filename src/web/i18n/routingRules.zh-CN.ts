/** Simplified Chinese messages of the routing-rules admin page. */
export const routingRulesZh = {};
