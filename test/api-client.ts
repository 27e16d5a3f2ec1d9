// Talking to the platform in tests the way a browser does: log in, keep the session cookie, send the CSRF
// token on every change. Uses Fastify's inject (no port needed).
import type { FastifyInstance } from 'fastify';
import { createApp } from '../src/app';
import type { AppContext } from '../src/platform/app-context';
import type { Database } from '../src/platform/db';
import { readConfig } from '../src/platform/config';
import { addUser } from '../src/platform/auth/users';
import { SYSTEM_ACTOR } from '../src/platform/audit';

export const TEST_PASSWORD = 'test-password-1';

export async function testApp(db: Database, now = () => new Date('2026-06-15T02:00:00Z')): Promise<{ app: FastifyInstance; ctx: AppContext }> {
  const ctx: AppContext = { db, config: { ...readConfig({}), dataDir: '/nonexistent' }, now };
  const app = await createApp(ctx);
  await app.ready();
  return { app, ctx };
}

export async function createTestUser(db: Database, username: string, role: string, regionCode: string, department?: string) {
  return addUser(db, SYSTEM_ACTOR, { username, password: TEST_PASSWORD, role, regionCode, department: department ?? null });
}

export interface Session {
  request(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  csrf: string;
  cookie: string;
}

export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0];
  const csrf = res.json().csrfToken as string;
  return {
    csrf,
    cookie,
    async request(method, url, body, headers = {}) {
      const r = await app.inject({
        method, url, payload: body as never,
        headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }), ...headers },
      });
      return { status: r.statusCode, body: r.body ? safeJson(r.body) : null };
    },
  };
}

function safeJson(s: string) {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
