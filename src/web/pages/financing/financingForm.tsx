/**
 * The pieces the financing forms share: their validation rules (required, a decimal the API takes, reasons long
 * enough) and the input of a number of months.
 */
import { type FormRule, InputNumber, type InputNumberProps } from 'antd';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { isDecimal } from './financingFormat.ts';

/** A validator of an optional text: `holds` says whether a given text is right, `message` what is wrong. */
function textRule(holds: (value: string) => boolean, message: string): FormRule {
  return {
    validator: (_: unknown, value: string | undefined) =>
      holds(value ?? '') ? Promise.resolve() : Promise.reject(new Error(message)),
  };
}

/** The rules of the financing forms, in the reader's language. */
export function useFinancingRules() {
  const { t } = useI18n();
  const required = { required: true, message: t('financing.form.required') };
  return {
    /** Something chosen or typed. */
    required,
    /** Some text, not only blanks. */
    requiredText: { ...required, whitespace: true },
    /** Nothing, or a decimal the API takes (at most `max`). */
    decimal: (max?: number) =>
      textRule(
        (value) => !value || (isDecimal(value) && (max === undefined || Number(value) <= max)),
        t('financing.form.decimal'),
      ),
    /** Nothing or blanks, or a decimal the API takes. */
    decimalOrBlank: textRule((value) => !value.trim() || isDecimal(value), t('financing.form.decimal')),
    /** Nothing, or at least `length` characters besides the blanks around them. */
    minLength: (length: number, message: string) =>
      textRule((value) => !value || value.trim().length >= length, message),
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
