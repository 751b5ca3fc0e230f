/** Simplified Chinese messages of the public policy library and eligibility check. */
export const libraryZh = {} as const;
