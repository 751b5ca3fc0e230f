/**
 * The pieces the financing forms share: their validation rules (required, a decimal the API takes, above zero,
 * reasons long enough) and the input of a number of months.
 */
import { type FormRule, InputNumber, type InputNumberProps } from 'antd';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { compareDecimal, isDecimal, numberSign, YUAN_PATTERN } from './financingFormat.ts';

/** A validator of an optional text: `problem` says what is wrong with a given text, or null when it is right. */
function textRule(problem: (value: string) => string | null): FormRule {
  return {
    validator: (_: unknown, value: string | undefined) => {
      const wrong = problem(value ?? '');
      return wrong === null ? Promise.resolve() : Promise.reject(new Error(wrong));
    },
  };
}

/** The rules of the financing forms, in the reader's language. */
export function useFinancingRules() {
  const { t } = useI18n();
  const required = { required: true, message: t('financing.form.required') };
  /**
   * What is wrong with a typed amount or rate (null: nothing): a number at or below zero is named as such (0 passes
   * where `zero` allows it), then one the API does not take, then one above `max`.
   */
  const decimalProblem = (value: string, max: string | undefined, zero: boolean): string | null => {
    const sign = numberSign(value);
    if (sign === -1 || (sign === 0 && !zero))
      return t(zero ? 'financing.form.notNegative' : 'financing.form.positive');
    if (!isDecimal(value)) return t('financing.form.decimal');
    if (max !== undefined && compareDecimal(value.trim(), max) > 0) return t('financing.form.max', { max });
    return null;
  };
  return {
    /** Something chosen or typed. */
    required,
    /** Some text, not only blanks. */
    requiredText: { ...required, whitespace: true },
    /**
     * Nothing, or a decimal the API takes above zero (an amount, a rate a demand accepts, a figure), at most `max`;
     * `zero: true` lets 0 pass (a product's rates, a granted rate, a guarantee fee).
     */
    decimal: (max?: number, options: { zero?: boolean } = {}) =>
      textRule((value) =>
        value
          ? decimalProblem(value, max === undefined ? undefined : String(max), options.zero ?? false)
          : null,
      ),
    /** Nothing or blanks, or a decimal the API takes above zero. */
    decimalOrBlank: textRule((value) => (value.trim() ? decimalProblem(value, undefined, false) : null)),
    /** Nothing, or an amount in yuan above zero with at most 2 decimals (a receivable's). */
    yuan: textRule((value) => {
      if (!value) return null;
      const sign = numberSign(value);
      if (sign === -1 || sign === 0) return t('financing.form.positive');
      return YUAN_PATTERN.test(value.trim()) ? null : t('financing.receivableForm.yuan');
    }),
    /** Nothing, or at least `length` characters besides the blanks around them. */
    minLength: (length: number, message: string) =>
      textRule((value) => (!value || value.trim().length >= length ? null : message)),
  };
}

/** A number of months, 1 to 360, for a form item. */
export function MonthsInput({ testId, ...rest }: InputNumberProps<number> & { testId: string }) {
  const { t } = useI18n();
  return (
    <InputNumber<number>
      min={1}
      max={360}
      precision={0}
      suffix={t('financing.unit.months')}
      style={{ width: '100%' }}
      data-testid={testId}
      {...rest}
    />
  );
}
