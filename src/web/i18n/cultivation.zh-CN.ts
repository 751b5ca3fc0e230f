/** 梯度培育（创新型中小企业、专精特新中小企业、专精特新“小巨人”企业）的界面文字（issue 18）。 */
export const cultivationZh = {
  'inbox.kind.cultivation': '梯度培育',
  'nav.cultivation': '梯度培育',
  'nav.myCultivation': '梯度培育',
  'nav.cultivationDashboard': '培育总览',
  'nav.cultivationApplications': '认定审核',
  'nav.cultivationSettings': '省级设置',
} as const;
