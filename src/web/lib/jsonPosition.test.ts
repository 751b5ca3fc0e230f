import { describe, expect, it } from 'vitest';
import { jsonErrorPosition } from './jsonPosition.ts';

describe('jsonErrorPosition', () => {
  it.each([
    { name: 'valid', text: '{"a": [1, -2.5e3, "x\\n", true, null], "b": {}}', expected: null },
    { name: 'a missing value', text: '{\n  "a": 1,\n  "b": }', expected: { line: 3, column: 8 } },
    { name: 'a trailing comma', text: '{\n  "a": [1, 2,]\n}', expected: { line: 2, column: 14 } },
    { name: 'an unquoted key', text: '{\n  a: 1\n}', expected: { line: 2, column: 3 } },
    { name: 'text after the value', text: '{}\nx', expected: { line: 2, column: 1 } },
    { name: 'a raw line break in a string', text: '{"a": "x\ny"}', expected: { line: 1, column: 7 } },
    { name: 'an unclosed object', text: '{"a": 1', expected: { line: 1, column: 8 } },
  ])('$name', ({ text, expected }) => {
    expect(jsonErrorPosition(text)).toEqual(expected);
  });
});
