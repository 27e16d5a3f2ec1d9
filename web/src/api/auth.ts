// Login, logout, the caller ("Me") and the caller's preferences: src/platform/auth/auth-routes.ts.
import type { Static } from 'typebox';
import type { LoginBody, Me, PreferencesBody } from '../../../src/platform/auth/auth-routes';
import { apiRequest } from './client';

export type { Me };
export type Preferences = Static<typeof PreferencesBody>;
export type Locale = NonNullable<Preferences['locale']>;

export const authApi = {
  login: (body: Static<typeof LoginBody>) => apiRequest<Me>('POST', '/auth/login', { body, expectUnauthorized: true }),
  logout: () => apiRequest<{ ok: true }>('POST', '/auth/logout'),
  me: (signal?: AbortSignal) => apiRequest<Me>('GET', '/me', { signal, expectUnauthorized: true }),
  setPreferences: (body: Preferences) => apiRequest<Me>('PATCH', '/me/preferences', { body }),
};
