// Who is signed in, and the preferences that follow the account (language, elderly-friendly mode). Before
// login, and as a fallback, the last choices made on this browser are kept in localStorage.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { authApi, type Locale, type Me, type Preferences } from '../api/auth';
import { ApiError, setCsrfToken, setUnauthorizedHandler } from '../api/client';
import type { Permission } from '../api/registry';
import { DEFAULT_LOCALE, LOCALES } from '../i18n';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; expired?: boolean }
  | { status: 'failed'; error: unknown }
  | { status: 'signed-in'; me: Me };

export interface Session {
  state: SessionState;
  me: Me | null;
  locale: Locale;
  elderlyMode: boolean;
  can(permission: Permission): boolean;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  /** Saves to the account when signed in; rejects (after undoing the change) when the server refuses. */
  setPreferences(patch: Preferences): Promise<void>;
  retry(): void;
}

const LOCAL_LOCALE = 'safetynet.locale';
const LOCAL_ELDERLY = 'safetynet.elderlyMode';

function readLocal(): { locale: Locale; elderlyMode: boolean } {
  try {
    const l = window.localStorage.getItem(LOCAL_LOCALE);
    return {
      locale: LOCALES.includes(l as Locale) ? (l as Locale) : DEFAULT_LOCALE,
      elderlyMode: window.localStorage.getItem(LOCAL_ELDERLY) === 'true',
    };
  } catch {
    return { locale: DEFAULT_LOCALE, elderlyMode: false };
  }
}

function writeLocal(p: Preferences) {
  try {
    if (p.locale) window.localStorage.setItem(LOCAL_LOCALE, p.locale);
    if (p.elderlyMode !== undefined) window.localStorage.setItem(LOCAL_ELDERLY, String(p.elderlyMode));
  } catch {
    // private browsing: the choice lasts for this page only
  }
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [local, setLocal] = useState(readLocal);
  const [attempt, setAttempt] = useState(0);

  const signedIn = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    setState({ status: 'signed-in', me });
    writeLocal(me.preferences as Preferences);
    setLocal((l) => ({ locale: (me.preferences.locale as Locale | undefined) ?? l.locale, elderlyMode: me.preferences.elderlyMode ?? l.elderlyMode }));
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    authApi
      .me(controller.signal)
      .then(signedIn)
      .catch((error) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) setState({ status: 'anonymous' });
        else setState({ status: 'failed', error });
      });
    return () => controller.abort();
  }, [attempt, signedIn]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      setState({ status: 'anonymous', expired: true });
    });
    return () => setUnauthorizedHandler(null);
  }, []);

  const me = state.status === 'signed-in' ? state.me : null;

  const session = useMemo<Session>(() => {
    const locale = (me?.preferences.locale as Locale | undefined) ?? local.locale;
    const elderlyMode = me?.preferences.elderlyMode ?? local.elderlyMode;
    return {
      state,
      me,
      locale,
      elderlyMode,
      can: (permission) => !!me && me.permissions.includes(permission),
      async login(username, password) {
        const result = await authApi.login({ username, password });
        signedIn(result);
        return result;
      },
      async logout() {
        try {
          await authApi.logout();
        } finally {
          setCsrfToken(null);
          setState({ status: 'anonymous' });
        }
      },
      async setPreferences(patch) {
        writeLocal(patch);
        setLocal((l) => ({ locale: patch.locale ?? l.locale, elderlyMode: patch.elderlyMode ?? l.elderlyMode }));
        if (!me) return;
        const before = me;
        setState({ status: 'signed-in', me: { ...me, preferences: { ...me.preferences, ...patch } } });
        try {
          const updated = await authApi.setPreferences(patch);
          setState({ status: 'signed-in', me: { ...updated, csrfToken: updated.csrfToken || before.csrfToken } });
        } catch (e) {
          setState({ status: 'signed-in', me: before });
          writeLocal(before.preferences as Preferences);
          setLocal({ locale: (before.preferences.locale as Locale | undefined) ?? local.locale, elderlyMode: before.preferences.elderlyMode ?? local.elderlyMode });
          throw e;
        }
      },
      retry: () => {
        setState({ status: 'loading' });
        setAttempt((n) => n + 1);
      },
    };
  }, [state, me, local, signedIn]);

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** For pages behind the login: the signed-in account. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe on a page without a signed-in account');
  return me;
}
