/** English messages of gradient cultivation (see cultivation.zh-CN.ts). */
import type { cultivationZh } from './cultivation.zh-CN.ts';

export const cultivationEn: Record<keyof typeof cultivationZh, string> = {
  'inbox.kind.cultivation': 'Cultivation',
  'nav.cultivation': 'Cultivation',
  'nav.myCultivation': 'Cultivation',
  'nav.cultivationDashboard': 'Overview',
  'nav.cultivationApplications': 'Applications',
  'nav.cultivationSettings': 'Province settings',
};
