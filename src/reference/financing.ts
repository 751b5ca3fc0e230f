/**
 * The vocabularies of financing matchmaking (measures 9–13; docs/reference/financing.md): loan product kinds, the
 * purposes a demand may name (at most three, as SBA Lender Match asks for at most 3 of 13 uses of funds), the
 * collateral or guarantee an enterprise can offer, the reasons a bank gives when it declines, and the kinds of
 * debtor whose confirmation of a receivable the 2025 payment regulation requires. One vocabulary for the server and
 * the browser; none of them changes with a date (the dated figures are the rows of `financing_settings`).
 */
import type { Localized } from '../shared/errors.ts';

/** A coded term with its names. */
export interface FinancingTerm {
  code: string;
  zh: string;
  en: string;
}

/**
 * Loan product kinds. `accepts` is the collateral a product of the kind needs from the enterprise (one of them):
 * null for a credit loan, which needs none (信用贷款: no collateral or guarantee).
 */
export interface ProductKind extends FinancingTerm {
  accepts: readonly string[] | null;
}

export const PRODUCT_KINDS: readonly ProductKind[] = [
  { code: 'credit', zh: '信用贷款', en: 'Credit loan', accepts: null },
  {
    code: 'mortgage',
    zh: '抵押贷款',
    en: 'Mortgage loan',
    accepts: ['real_estate', 'equipment', 'vehicles', 'ip', 'equity'],
  },
  {
    code: 'guarantee',
    zh: '担保贷款',
    en: 'Guaranteed loan',
    accepts: ['guarantee_company', 'personal_guarantee'],
  },
  { code: 'receivables', zh: '应收账款融资', en: 'Receivables financing', accepts: ['receivables'] },
  {
    code: 'procurement_contract',
    zh: '政府采购合同融资（政采贷）',
    en: 'Government-procurement contract financing',
    accepts: ['procurement_contract'],
  },
  { code: 'inventory', zh: '存货融资', en: 'Inventory financing', accepts: ['inventory'] },
];

/** At most this many purposes per demand (SBA Lender Match: at most 3). */
export const MAX_PURPOSES = 3;
/** A demand's description (SBA Lender Match: at most 250 characters). */
export const MAX_DESCRIPTION = 250;

/** What the money is for: thirteen uses, as Lender Match lists thirteen. */
export const PURPOSES: readonly FinancingTerm[] = [
  { code: 'working_capital', zh: '流动资金周转', en: 'Working capital' },
  { code: 'raw_materials', zh: '原材料采购', en: 'Raw materials' },
  { code: 'orders', zh: '订单生产、合同履约', en: 'Fulfilling orders or contracts' },
  { code: 'inventory', zh: '备货、存货', en: 'Inventory' },
  { code: 'equipment', zh: '设备购置', en: 'Equipment' },
  { code: 'premises', zh: '厂房、经营场所建设或装修', en: 'Building or fitting out premises' },
  { code: 'real_estate', zh: '购置经营用房', en: 'Buying business premises' },
  { code: 'technology', zh: '技术研发与改造', en: 'R&D and technical upgrading' },
  { code: 'digital', zh: '数字化转型', en: 'Digital transformation' },
  { code: 'hiring', zh: '招聘与工资发放', en: 'Hiring and payroll' },
  { code: 'trade', zh: '进出口贸易', en: 'Import and export' },
  { code: 'refinancing', zh: '续贷、置换高成本借款', en: 'Refinancing' },
  { code: 'expansion', zh: '扩大经营、开设网点', en: 'Expansion' },
];

/** What an enterprise can offer; `none` is a credit loan's (nothing offered). */
export const COLLATERAL: readonly FinancingTerm[] = [
  { code: 'real_estate', zh: '房产、土地抵押', en: 'Real estate or land' },
  { code: 'equipment', zh: '机器设备抵押', en: 'Machinery and equipment' },
  { code: 'vehicles', zh: '车辆抵押', en: 'Vehicles' },
  { code: 'ip', zh: '知识产权质押', en: 'Intellectual property' },
  { code: 'equity', zh: '股权质押', en: 'Equity' },
  { code: 'receivables', zh: '应收账款质押或转让', en: 'Receivables' },
  { code: 'procurement_contract', zh: '政府采购合同', en: 'Government-procurement contract' },
  { code: 'inventory', zh: '存货质押', en: 'Inventory' },
  { code: 'guarantee_company', zh: '融资担保公司担保', en: 'Guarantee from a guarantee company' },
  { code: 'personal_guarantee', zh: '个人连带责任保证', en: 'Personal guarantee' },
];

/** Why a bank declined (a reason from this list, and the bank's words). */
export const DECLINE_REASONS: readonly FinancingTerm[] = [
  { code: 'credit_record', zh: '信用记录不良', en: 'Adverse credit record' },
  { code: 'revenue', zh: '经营收入或现金流不足', en: 'Revenue or cash flow too low' },
  { code: 'liabilities', zh: '负债率过高', en: 'Debt too high' },
  { code: 'collateral', zh: '抵押担保不足', en: 'Collateral or guarantee insufficient' },
  { code: 'purpose', zh: '资金用途不合规', en: 'Purpose not eligible' },
  { code: 'scope', zh: '不在本行服务行业或区域', en: 'Outside the bank’s sectors or regions' },
  { code: 'materials', zh: '资料不完整或不真实', en: 'Documents incomplete or untrue' },
  { code: 'terms', zh: '企业不接受贷款条件', en: 'The enterprise declined the terms' },
  { code: 'unreachable', zh: '无法联系企业', en: 'The enterprise could not be reached' },
  { code: 'other', zh: '其他', en: 'Other' },
];

/** Debtors who must confirm a receivable within the period (保障中小企业款项支付条例 2025). */
export const DEBTOR_KINDS: readonly FinancingTerm[] = [
  { code: 'government', zh: '机关', en: 'Government body' },
  { code: 'public_institution', zh: '事业单位', en: 'Public institution' },
  { code: 'large_enterprise', zh: '大型企业', en: 'Large enterprise' },
];

/** A bank's answer to a demand it picked up, in the order it goes. */
export const RESPONSE_STATES: readonly FinancingTerm[] = [
  { code: 'picked_up', zh: '已受理', en: 'Picked up' },
  { code: 'contacted', zh: '已联系', en: 'Contacted' },
  { code: 'visited', zh: '已走访', en: 'Visited' },
  { code: 'granted', zh: '已授信', en: 'Granted' },
  { code: 'declined', zh: '未获批', en: 'Declined' },
  { code: 'disbursed', zh: '已放款', en: 'Disbursed' },
  { code: 'released', zh: '银行已退回', en: 'Released by the bank' },
  { code: 'withdrawn', zh: '企业已撤回', en: 'Withdrawn by the enterprise' },
];

/** A demand's state. */
export const DEMAND_STATES: readonly FinancingTerm[] = [
  { code: 'open', zh: '待受理', en: 'Awaiting pickup' },
  { code: 'in_progress', zh: '对接中', en: 'In progress' },
  { code: 'granted', zh: '已授信', en: 'Granted' },
  { code: 'declined', zh: '未获批', en: 'Declined' },
  { code: 'withdrawn', zh: '已撤回', en: 'Withdrawn' },
];

function codes(list: readonly FinancingTerm[]): ReadonlySet<string> {
  return new Set(list.map((t) => t.code));
}
export const PRODUCT_KIND_CODES = codes(PRODUCT_KINDS);
export const PURPOSE_CODES = codes(PURPOSES);
export const COLLATERAL_CODES = codes(COLLATERAL);
export const DECLINE_REASON_CODES = codes(DECLINE_REASONS);
export const DEBTOR_KIND_CODES = codes(DEBTOR_KINDS);

/** A term's names (the code itself when unknown, so a stale code still shows). */
export function termName(list: readonly FinancingTerm[], code: string): Localized {
  const term = list.find((t) => t.code === code);
  return term ? { zh: term.zh, en: term.en } : { zh: code, en: code };
}

/** The kind of a product code. */
export function productKind(code: string): ProductKind | undefined {
  return PRODUCT_KINDS.find((k) => k.code === code);
}
