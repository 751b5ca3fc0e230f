/** Simplified Chinese messages of officials' case queue and case pages. */
export const caseAdminZh = {} as const;
