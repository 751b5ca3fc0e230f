/** Simplified Chinese messages of an enterprise's policies, benefits and inbox. */
export const myPoliciesZh = {} as const;
