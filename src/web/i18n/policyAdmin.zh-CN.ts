/** Simplified Chinese messages of officials' policy pages. */
export const policyAdminZh = {} as const;
