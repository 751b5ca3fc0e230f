/**
 * The role this browser last signed in as, kept so that boot.ts starts a signed-in page's first reads only for a
 * role that may open it (a visitor signed out, or an enterprise at an official's address, would only get 401/403
 * answers, logged as errors). A hint, not a permission: the server decides every request; a stale hint (a session
 * that ended elsewhere) costs one refused read, and the app clears it when it learns the session is gone.
 */
import { isRole, type Role } from '../../shared/roles.ts';

const ROLE_STORAGE_KEY = 'huiqi.role';

/** The role kept by the last sign-in in this browser, or null. */
export function storedRole(): Role | null {
  try {
    const stored = window.localStorage.getItem(ROLE_STORAGE_KEY);
    return isRole(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** Keeps the signed-in user's role, or forgets it (null) when the session has ended. */
export function keepRole(role: Role | null): void {
  try {
    if (role) window.localStorage.setItem(ROLE_STORAGE_KEY, role);
    else window.localStorage.removeItem(ROLE_STORAGE_KEY);
  } catch {
    // Storage may be unavailable (private mode): boot.ts then starts no signed-in page's reads.
  }
}
