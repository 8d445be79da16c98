import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { api, onUnauthenticated } from './api';

export type Role =
  | 'citizen'
  | 'operator'
  | 'dispatcher'
  | 'coordinator'
  | 'handler'
  | 'callback_agent'
  | 'supervisor'
  | 'analyst'
  | 'kb_editor'
  | 'admin';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  unitId: number;
  districtId: number | null;
  roles: Role[];
}

interface Session {
  /** undefined while the first check runs; null when nobody is logged in. */
  user: SessionUser | null | undefined;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  hasRole: (...roles: Role[]) => boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);

  useEffect(() => {
    let live = true;
    api<{ user: SessionUser }>('GET', '/auth/me')
      .then((me) => live && setUser(me.user))
      .catch(() => live && setUser(null));
    const stop = onUnauthenticated(() => setUser(null));
    return () => {
      live = false;
      stop();
    };
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    await api('POST', '/auth/login', { username, password });
    const me = await api<{ user: SessionUser }>('GET', '/auth/me');
    setUser(me.user);
  }, []);
  const logout = useCallback(async () => {
    await api('POST', '/auth/logout').catch(() => undefined);
    setUser(null);
  }, []);
  const hasRole = useCallback(
    (...roles: Role[]) => !!user && roles.some((role) => user.roles.includes(role)),
    [user],
  );

  const value = useMemo(() => ({ user, login, logout, hasRole }), [user, login, logout, hasRole]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The logged-in user (only inside the staff app, where a user is guaranteed). */
export function useUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a logged-in user');
  return user;
}
