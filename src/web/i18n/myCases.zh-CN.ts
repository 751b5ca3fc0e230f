/** Simplified Chinese messages of an enterprise's demands and complaints. */
export const myCasesZh = {} as const;
