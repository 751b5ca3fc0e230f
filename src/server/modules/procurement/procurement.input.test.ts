/**
 * A procurement form's schema problems (procurement.input.ts), worded by the error handler's one converter
 * (errors.ts `schemaFieldErrors`) with the form's own field names and words.
 */
import { describe, expect, it } from 'vitest';
import { schemaFieldErrors } from '../../http/errors.ts';
import { schemaProblems } from './procurement.input.ts';

const issues = [
  { instancePath: '/declarations/0', keyword: 'required', params: { requiredProperties: ['item'] } },
  { instancePath: '/declarations/1/signedOn', keyword: 'pattern', params: { pattern: '^\\d{4}' } },
  { instancePath: '/supplierName', keyword: 'minLength', params: { limit: 1 } },
  { instancePath: '/supplierName', keyword: 'maxLength', params: { limit: 200 } },
  { instancePath: '/amount', keyword: 'minItems', params: { limit: 1 }, message: 'too few' },
  { instancePath: '', keyword: 'additionalProperties', params: { additionalProperties: ['extra'] } },
];

describe('schema problems of a procurement form', () => {
  it('names fields as the service does, once each, in the form’s own words', () => {
    expect(schemaProblems(issues)).toEqual([
      { field: 'declarations[0].item', message: { zh: '必填', en: 'is required' } },
      {
        field: 'declarations[1].signedOn',
        message: { zh: '应为日期（YYYY-MM-DD）', en: 'must be a date (YYYY-MM-DD)' },
      },
      { field: 'supplierName', message: { zh: '不能为空', en: 'must not be empty' } },
      { field: 'amount', message: { zh: '无效（minItems）', en: 'is invalid (minItems)' } },
      { field: 'extra', message: { zh: '不允许的字段', en: 'is not an allowed field' } },
    ]);
  });

  it('reads the same issues in the error handler’s words and dotted fields', () => {
    expect(schemaFieldErrors(issues, 'body')).toEqual([
      { field: 'declarations.0.item', message: { zh: '必填', en: 'is required' } },
      { field: 'declarations.1.signedOn', message: { zh: '格式不正确', en: 'has the wrong format' } },
      { field: 'supplierName', message: { zh: '至少 1 个字符', en: 'must have at least 1 characters' } },
      { field: 'amount', message: { zh: '无效（too few）', en: 'is invalid (too few)' } },
      { field: 'extra', message: { zh: '不允许的字段', en: 'is not an allowed field' } },
    ]);
  });
});
