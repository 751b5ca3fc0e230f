/** Enter in a date picker's input is kept from submitting the form around it; elsewhere it is left alone. */
import { describe, expect, it } from 'vitest';
import { isEnterInPicker } from './enterInPicker.ts';

const input = (inPicker: boolean) =>
  ({
    tagName: 'INPUT',
    closest: (selector: string) => (inPicker && selector === '.ant-picker' ? {} : null),
  }) as unknown as EventTarget;

describe('isEnterInPicker', () => {
  it('catches Enter typed in a picker’s input', () => {
    expect(isEnterInPicker({ key: 'Enter', target: input(true), isComposing: false })).toBe(true);
  });
  it('leaves Enter in other inputs, other keys and an IME composition alone', () => {
    expect(isEnterInPicker({ key: 'Enter', target: input(false), isComposing: false })).toBe(false);
    expect(isEnterInPicker({ key: 'Tab', target: input(true), isComposing: false })).toBe(false);
    expect(isEnterInPicker({ key: 'Enter', target: input(true), isComposing: true })).toBe(false);
  });
});
