/** 梯度培育公示、异议与省级设置的界面文字（issue 18）。 */
export const cultivationNoticesZh = {
  'cultivationNotices.title': '公示、异议与省级设置',
  'cultivationNotices.settings.quotaBelowUsed': '本年度已批准 {used} 家，名额不能少于 {used}',
};
