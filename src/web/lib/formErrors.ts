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

/** A form item's name: a path of field names and list indexes. */
export type FieldName = (string | number)[];

/**
 * Puts the server's field errors on form items with nested names (`nameOf` maps 'payments.1.date' to
 * ['payments', 1, 'date'], null when the form has no such item); returns the errors of a list as a whole
 * (`listName`, shown under the list) and the messages that match no item.
 */
export function applyNestedFieldErrors<Values>(
  form: FormInstance<Values>,
  error: unknown,
  nameOf: (field: string) => FieldName | null,
  listName: FieldName | null = null,
): { list: string[]; unmatched: string[] } {
  const list: string[] = [];
  const unmatched: string[] = [];
  if (!(error instanceof ApiError)) return { list, unmatched };
  const byField = new Map<string, { name: FieldName; errors: string[] }>();
  for (const problem of error.errors) {
    const name = nameOf(problem.field);
    if (!name) {
      unmatched.push(`${problem.field}: ${problem.message}`);
      continue;
    }
    if (listName && name.join('.') === listName.join('.')) {
      list.push(problem.message);
      continue;
    }
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(problem.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()] as unknown as Parameters<FormInstance<Values>['setFields']>[0]);
  return { list, unmatched };
}

/** Clears every field error of a form. */
export function clearFormErrors<Values>(form: FormInstance<Values>): void {
  form.setFields(
    form
      .getFieldsError()
      .filter((field) => field.errors.length > 0)
      .map((field) => ({ name: field.name, errors: [] })) as unknown as Parameters<
      FormInstance<Values>['setFields']
    >[0],
  );
}
