// Who is logged in: GET /api/me on start, login and logout, and a prompt to log in again when any
// request answers 401.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onUnauthenticated } from '../api/client';
import type { Me } from '../api/model';

interface Session {
  me: Me | null;
  ready: boolean;
  expired: boolean;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [ready, setReady] = useState(false);
  const [expired, setExpired] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setMe(await api.get<Me>('/api/me', { quiet401: true }));
      setExpired(false);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setMe(null);
    } finally {
      setReady(true);
    }
  }, []);

  useEffect(() => { void refresh(); }, [refresh]);
  useEffect(() => onUnauthenticated(() => setMe((cur) => { if (cur) setExpired(true); return null; })), []);

  const login = useCallback(async (username: string, password: string) => {
    await api.post('/api/auth/login', { username, password });
    const next = await api.get<Me>('/api/me');
    setMe(next);
    setExpired(false);
    return next;
  }, []);

  const logout = useCallback(async () => {
    try { await api.post('/api/auth/logout'); } finally { setMe(null); }
  }, []);

  const value = useMemo(() => ({ me, ready, expired, login, logout, refresh }), [me, ready, expired, login, logout, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('SessionProvider missing');
  return s;
}
