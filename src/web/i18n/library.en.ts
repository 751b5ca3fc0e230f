/** English messages of the public policy library and eligibility check. */
import type { libraryZh } from './library.zh-CN.ts';

export const libraryEn: Record<keyof typeof libraryZh, string> = {};
