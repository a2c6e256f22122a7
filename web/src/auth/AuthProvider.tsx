import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { session as apiSession } from '../api/client.ts';
import { fetchSession, login as loginRequest, logout as logoutRequest } from './api.ts';
import { ReauthDialog } from './ReauthDialog.tsx';
import type { SessionInfo, User } from './types.ts';
import { hasUnsavedWork } from './unsavedWork.ts';

export interface Auth {
  /** undefined while the session is being checked, null when nobody is signed in. */
  readonly user: User | null | undefined;
  login(email: string, password: string): Promise<User>;
  logout(): Promise<void>;
  /** End of the session (ISO date), renewed by the server on use; null when signed out. */
  readonly expiresAt: string | null;
  /** Asks the server for the session (`GET /api/me`), which renews it when near its end. */
  renew(): Promise<void>;
  /**
   * The session is gone while a page holds unsaved work: asks to sign in again in a dialog over
   * the page. True once the same account is signed in again, false if the agent closes the
   * dialog or signs in as someone else (the page's data is then reloaded for that account).
   */
  signInAgain(): Promise<boolean>;
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

  // Sign-in again in place: one dialog, whoever asks (a save, a widget query, the keep-alive).
  const [asking, setAsking] = useState(false);
  const waiting = useRef<((again: boolean) => void)[]>([]);
  const settle = useCallback((again: boolean) => {
    const resolvers = waiting.current;
    waiting.current = [];
    setAsking(false);
    for (const resolve of resolvers) resolve(again);
  }, []);
  const signInAgain = useCallback(
    () =>
      new Promise<boolean>((resolve) => {
        // Already signed out (nothing unsaved held the page): the login page takes over.
        if (!queryClient.getQueryData(SESSION_KEY)) return resolve(false);
        waiting.current.push(resolve);
        setAsking(true);
      }),
    [queryClient],
  );

  useEffect(() => {
    apiSession.onUnauthorized = () => {
      if (hasUnsavedWork()) void signInAgain();
      else signedOut();
    };
    return () => {
      apiSession.onUnauthorized = null;
    };
  }, [signedOut, signInAgain]);

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

  const previousUser = query.data?.user ?? null;
  const loginAgain = useCallback(
    async (email: string, password: string) => {
      const answer: SessionInfo = await loginRequest(email, password);
      if (answer.user.id !== previousUser?.id) {
        // Someone else: nothing of the previous account's pages may stay on screen.
        forgetData();
        apiSession.csrfToken = answer.csrfToken;
        queryClient.setQueryData(SESSION_KEY, answer);
        settle(false);
        return;
      }
      // Same account: keep every page and cached answer, refetch what failed meanwhile.
      apiSession.csrfToken = answer.csrfToken;
      queryClient.setQueryData(SESSION_KEY, answer);
      void queryClient.refetchQueries({ predicate: (q) => q.state.status === 'error' });
      settle(true);
    },
    [queryClient, forgetData, previousUser?.id, settle],
  );

  const renew = useCallback(async () => {
    try {
      const answer = await fetchSession();
      if (!answer) return; // 401: onUnauthorized already asked to sign in again (or signed out).
      apiSession.csrfToken = answer.csrfToken;
      queryClient.setQueryData(SESSION_KEY, answer);
    } catch {
      // Server unreachable: the next round or the next save will tell.
    }
  }, [queryClient]);

  const logout = useCallback(async () => {
    try {
      await logoutRequest();
    } finally {
      signedOut();
    }
  }, [signedOut]);

  const user = query.isPending ? undefined : (query.data?.user ?? null);
  const expiresAt = query.data?.expiresAt ?? null;
  const value = useMemo<Auth>(
    () => ({ user, login, logout, expiresAt, renew, signInAgain }),
    [user, login, logout, expiresAt, renew, signInAgain],
  );
  return (
    <AuthContext.Provider value={value}>
      {children}
      <ReauthDialog
        asking={asking}
        email={previousUser?.email ?? ''}
        signIn={loginAgain}
        onDismiss={() => settle(false)}
      />
    </AuthContext.Provider>
  );
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth() doit être appelé sous <AuthProvider>');
  return auth;
}
