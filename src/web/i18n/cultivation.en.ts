/** English messages of gradient cultivation (see cultivation.zh-CN.ts). */
import type { cultivationZh } from './cultivation.zh-CN.ts';

export const cultivationEn: Record<keyof typeof cultivationZh, string> = {
  'inbox.kind.cultivation': 'Cultivation',
};
