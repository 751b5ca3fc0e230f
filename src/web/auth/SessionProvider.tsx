/** The signed-in user: probes `/api/auth/me` on start, signs in and out, and applies the user's saved language. */
import { App as AntApp } from 'antd';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, api, setUnauthorizedHandler, type User } from '../api/client.ts';
import { type Locale, translate } from '../i18n/core.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { forgetAnswers } from '../lib/queryClient.ts';
import { keepRole } from './storedRole.ts';

type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; expired: boolean; signedOut?: boolean }
  | { status: 'signedIn'; user: User };

interface SessionValue {
  state: SessionState;
  /** The signed-in user, or null. */
  user: User | null;
  login: (username: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
  /** Switches the language and, when signed in, saves it to the account. */
  changeLocale: (locale: Locale) => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

let earlyProbe: ReturnType<typeof api.me> | null = null;

/**
 * Starts the session probe before the app's first render (main.tsx), so the answer is on its way while the app's
 * code runs instead of after it; the provider then uses it.
 */
export function probeSessionEarly(): void {
  if (earlyProbe) return;
  earlyProbe = api.me();
  // Handled by the provider; this keeps a failure before it mounts from counting as unhandled.
  earlyProbe.catch(() => undefined);
}

/** Provides the session to the app. Must be inside the I18nProvider. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { locale, setLocale } = useI18n();
  const { message } = AntApp.useApp();
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const signedIn = useCallback(
    (user: User) => {
      setState({ status: 'signedIn', user });
      keepRole(user.role);
      setLocale(user.locale);
    },
    [setLocale],
  );

  useEffect(() => {
    let active = true;
    const probe = earlyProbe ?? api.me();
    earlyProbe = null;
    probe.then(
      (info) => {
        if (!active) return;
        if (info.user) signedIn(info.user);
        else setState({ status: 'anonymous', expired: false });
      },
      () => {
        if (active) setState({ status: 'anonymous', expired: false });
      },
    );
    return () => {
      active = false;
    };
  }, [signedIn]);

  useEffect(() => {
    // A 401 on a signed-in page: the session is gone; the route guard sends the user to the login page.
    // Nothing read for that session is shown again (to the next user signing in here).
    setUnauthorizedHandler(() => {
      forgetAnswers();
      setState((current) =>
        current.status === 'signedIn' ? { status: 'anonymous', expired: true } : current,
      );
    });
    return () => setUnauthorizedHandler(null);
  }, []);

  const login = useCallback(
    async (username: string, password: string) => {
      const info = await api.login({ username, password });
      // Whatever was read before (another user's session that ended unnoticed) is not shown to this one.
      forgetAnswers();
      // Signing in on a page shown in the other language is a choice of it: it carries over and becomes the user's
      // preference (kept for the next sign-in); a failure to save it leaves the page in the language shown.
      const user = info.user.locale === locale ? info.user : { ...info.user, locale };
      signedIn(user);
      if (user !== info.user) api.savePreferences({ locale }).catch(() => undefined);
      return user;
    },
    [signedIn, locale],
  );

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // The session may already be gone; signing out locally is what matters.
    }
    forgetAnswers();
    setState({ status: 'anonymous', expired: false, signedOut: true });
  }, []);

  const user = state.status === 'signedIn' ? state.user : null;
  // Signed out, refused (401) or found without a session: boot.ts no longer starts a signed-in page's reads.
  useEffect(() => {
    if (state.status === 'anonymous') keepRole(null);
  }, [state.status]);

  const changeLocale = useCallback(
    async (next: Locale) => {
      if (next === locale) return;
      setLocale(next);
      if (!user) return;
      try {
        await api.savePreferences({ locale: next });
        setState((current) =>
          current.status === 'signedIn'
            ? { status: 'signedIn', user: { ...current.user, locale: next } }
            : current,
        );
      } catch (error) {
        const text = error instanceof ApiError ? error.message : String(error);
        void message.warning(translate(next, 'account.languageSaveFailed', { message: text }));
      }
    },
    [locale, setLocale, user, message],
  );

  const value = useMemo<SessionValue>(
    () => ({ state, user, login, logout, changeLocale }),
    [state, user, login, logout, changeLocale],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session context. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
