/** 梯度培育公示、异议与省级设置的界面文字（issue 18）。 */
export const cultivationNoticesZh = {
  'cultivationNotices.title': '公示、异议与省级设置',
};
