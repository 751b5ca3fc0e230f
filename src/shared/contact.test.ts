/** An objector's contact: a mainland mobile, a landline with its area code, or an e-mail (issue 18). */
import { describe, expect, it } from 'vitest';
import { isObjectionContact } from './contact.ts';

describe('isObjectionContact', () => {
  const cases: { name: string; input: string; expected: boolean }[] = [
    { name: 'a mobile number', input: '13800000000', expected: true },
    { name: 'a mobile number written in groups', input: '138 0000 0000', expected: true },
    { name: 'a mobile number with +86', input: '+86 13800000000', expected: true },
    { name: 'a Beijing landline', input: '010-12345678', expected: true },
    { name: 'a county landline of 7 digits', input: '0512-6812345', expected: true },
    { name: 'a landline with its area code in brackets', input: '(0512)68123456', expected: true },
    { name: 'a landline with an extension', input: '010-12345678转123', expected: true },
    { name: 'an e-mail address', input: 'li.si@example.com.cn', expected: true },
    { name: 'one digit', input: '1', expected: false },
    { name: 'a mobile number one digit short', input: '1380000000', expected: false },
    { name: 'eleven digits not starting 13–19', input: '12345678901', expected: false },
    { name: 'a landline without its area code', input: '12345678', expected: false },
    { name: 'a mobile number with an extension', input: '13800000000转1', expected: false },
    { name: 'an e-mail without a domain', input: 'li@example', expected: false },
    { name: 'two @', input: 'li@@example.com', expected: false },
    { name: 'words', input: '找我', expected: false },
  ];
  for (const c of cases)
    it(`${c.expected ? 'takes' : 'refuses'} ${c.name}`, () => {
      expect(isObjectionContact(c.input)).toBe(c.expected);
    });
});
