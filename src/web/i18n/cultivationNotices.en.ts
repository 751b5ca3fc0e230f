/** English messages of cultivation public notices, objections and the province’s settings (see cultivationNotices.zh-CN.ts). */
import type { cultivationNoticesZh } from './cultivationNotices.zh-CN.ts';

export const cultivationNoticesEn: Record<keyof typeof cultivationNoticesZh, string> = {
  'cultivationNotices.title': 'Public notices, objections and the province’s settings',
  'cultivationNotices.settings.quotaBelowUsed':
    '{used} approved this year already: the quota cannot be less than {used}',
};
