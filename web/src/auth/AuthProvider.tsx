import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import { session as apiSession } from '../api/client.ts';
import { fetchSession, login as loginRequest, logout as logoutRequest } from './api.ts';
import type { SessionInfo, User } from './types.ts';

export interface Auth {
  /** undefined while the session is being checked, null when nobody is signed in. */
  readonly user: User | null | undefined;
  login(email: string, password: string): Promise<User>;
  logout(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);
const SESSION_KEY = ['session'] as const;

/**
 * Holds the session (`GET /api/me`), hands its CSRF token to the API client, and forgets every
 * cached answer when the user changes: a Bretagne reader must not see the previous user's data.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: SESSION_KEY,
    // The CSRF token is stored as the answer arrives, not in an effect: pages under the guard
    // render in the same commit and their effects (first POSTs) run before this component's.
    queryFn: async ({ signal }) => {
      const answer = await fetchSession(signal);
      apiSession.csrfToken = answer?.csrfToken ?? null;
      return answer;
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: 1,
  });

  // Every cached answer but the session itself (its observer must stay attached).
  const forgetData = useCallback(
    () => queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] }),
    [queryClient],
  );

  const signedOut = useCallback(() => {
    apiSession.csrfToken = null;
    forgetData();
    queryClient.setQueryData(SESSION_KEY, null);
  }, [queryClient, forgetData]);

  useEffect(() => {
    apiSession.onUnauthorized = signedOut;
    return () => {
      apiSession.onUnauthorized = null;
    };
  }, [signedOut]);

  const login = useCallback(
    async (email: string, password: string) => {
      const answer: SessionInfo = await loginRequest(email, password);
      forgetData();
      apiSession.csrfToken = answer.csrfToken;
      queryClient.setQueryData(SESSION_KEY, answer);
      return answer.user;
    },
    [queryClient, forgetData],
  );

  const logout = useCallback(async () => {
    try {
      await logoutRequest();
    } finally {
      signedOut();
    }
  }, [signedOut]);

  const user = query.isPending ? undefined : (query.data?.user ?? null);
  const value = useMemo<Auth>(() => ({ user, login, logout }), [user, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth() doit être appelé sous <AuthProvider>');
  return auth;
}
