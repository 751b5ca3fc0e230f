/** English messages of cultivation material changes after recognition and the annual data update (see cultivationChanges.zh-CN.ts). */
import type { cultivationChangesZh } from './cultivationChanges.zh-CN.ts';

export const cultivationChangesEn: Record<keyof typeof cultivationChangesZh, string> = {
  'cultivationChanges.title': 'Material changes after recognition and the annual data update',
};
