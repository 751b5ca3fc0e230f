/** Contacts people give the platform, checked the same way by the server and the web app. */

/**
 * Whether an objector's contact is one the province can reach: a mainland mobile number (11 digits from 13–19, a
 * leading +86 allowed), a landline with its area code (0 and 2–3 digits, then 7–8 digits; an extension after 转,
 * ext or #), or an e-mail address. Spaces, hyphens and brackets between digits are ignored.
 */
export function isObjectionContact(contact: string): boolean {
  const text = contact.trim();
  if (text.includes('@')) return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*\.[A-Za-z]{2,}$/.test(text);
  const [number = '', extension, ...more] = text.split(/转|ext\.?|#/i);
  if (more.length > 0 || (extension !== undefined && !/^\s*-?\s*\d{1,6}\s*$/.test(extension))) return false;
  const digits = number.replace(/[\s\-()（）]/g, '');
  if (/^(\+?86)?1[3-9]\d{9}$/.test(digits)) return extension === undefined;
  return /^0\d{2,3}\d{7,8}$/.test(digits);
}
