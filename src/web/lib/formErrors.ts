/** Shows the API's field errors (`errors[].field`) on the matching antd form items. */
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client.ts';

/**
 * Puts each field error of `error` on the form item of the same name (when the form has it).
 * Returns the messages that matched no form item, so the caller can show them elsewhere.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, fields: readonly string[]): string[] {
  if (!(error instanceof ApiError)) return [];
  const unmatched: string[] = [];
  const byField = new Map<string, string[]>();
  for (const problem of error.errors) {
    const name = problem.field.replace(/^body\./, '');
    if (fields.includes(name)) {
      byField.set(name, [...(byField.get(name) ?? []), problem.message]);
    } else {
      unmatched.push(`${problem.field}: ${problem.message}`);
    }
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return unmatched;
}
