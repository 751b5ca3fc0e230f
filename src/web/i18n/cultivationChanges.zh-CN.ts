/** 梯度培育认定后的重大变更报告与年度数据更新的界面文字（issue 18）。 */
export const cultivationChangesZh = {
  'cultivationChanges.title': '认定后的重大变更报告与年度数据更新',
};
