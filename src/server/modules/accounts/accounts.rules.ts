/** Pure account rules: password strength and scope consistency. No I/O. */
import type { Localized } from '../../../shared/errors.ts';

const COMMON = new Set([
  'password',
  'password123',
  '1234567890',
  'qwertyuiop',
  'huiqi123456',
  'admin12345',
  'abc1234567',
]);

/** Minimum and maximum password length. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/** Returns why a password is too weak, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): Localized | null {
  if (password.length < PASSWORD_MIN) {
    return { zh: `密码至少 ${PASSWORD_MIN} 个字符`, en: `must have at least ${PASSWORD_MIN} characters` };
  }
  if (password.length > PASSWORD_MAX) {
    return { zh: `密码最多 ${PASSWORD_MAX} 个字符`, en: `must have at most ${PASSWORD_MAX} characters` };
  }
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) {
    return {
      zh: '密码须包含小写字母、大写字母、数字、符号中的至少三类',
      en: 'must mix at least three of: lower-case, upper-case, digits, symbols',
    };
  }
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    return { zh: '密码不能包含用户名', en: 'must not contain the username' };
  }
  if (COMMON.has(password.toLowerCase())) {
    return { zh: '密码过于常见', en: 'is too common' };
  }
  return null;
}

/** A user's sign-in state as stored: failures since the last success or lock, and the lock's end. */
export interface LoginState {
  failedLoginCount: number;
  lockedUntil: Date | null;
}

/** Whether the account is locked at `now`. */
export function isLockedAt(state: LoginState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil > now;
}

/**
 * The state after one more wrong password: the failure counted, and at `maxFailures` the account locked for
 * `lockMinutes` (the count starts again after the lock). `failures` is this attempt's number, for the audit log.
 */
export function afterWrongPassword(
  state: LoginState,
  policy: { maxFailures: number; lockMinutes: number },
  now: Date,
): { next: LoginState; failures: number; didLock: boolean } {
  const failures = state.failedLoginCount + 1;
  const didLock = failures >= policy.maxFailures;
  return {
    failures,
    didLock,
    next: didLock
      ? { failedLoginCount: 0, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000) }
      : { failedLoginCount: failures, lockedUntil: state.lockedUntil },
  };
}
