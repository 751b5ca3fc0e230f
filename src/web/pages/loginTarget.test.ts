import { describe, expect, it } from 'vitest';
import { loginTarget } from './loginTarget.ts';

describe('where sign-in leads', () => {
  it('goes back to the app page the visitor came from', () => {
    expect(loginTarget('/app/my/cultivation?tab=changes')).toBe('/app/my/cultivation?tab=changes');
  });

  it('goes to the workspace from anywhere else, or from the sign-in address itself', () => {
    expect(loginTarget(undefined)).toBe('/app');
    expect(loginTarget('https://example.com/app')).toBe('/app');
    expect(loginTarget('/app/login')).toBe('/app');
    expect(loginTarget('/app/login/?x=1')).toBe('/app');
  });
});
