// Who is calling: resolved once per request from the session cookie, then read by every route.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db';
import { AppError, forbidden } from '../errors';
import { CSRF_HEADER, SESSION_COOKIE, sessionUser } from '../auth/sessions';
import type { UserRow } from '../auth/users';
import { can, type Permission } from '../auth/roles';
import type { Scope } from '../auth/scope';
import type { Actor } from '../audit';

export interface Caller {
  user: UserRow;
  scope: Scope;
  actor: Actor;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function regionLevelOf(code: string): number {
  if (code.endsWith('0000000000')) return 1;
  if (code.endsWith('00000000')) return 2;
  if (code.endsWith('000000')) return 3;
  if (code.endsWith('000')) return 4;
  return 5;
}

export function callerFor(user: UserRow, csrfToken: string): Caller {
  return {
    user,
    csrfToken,
    scope: { userId: user.id, username: user.username, role: user.role, regionCode: user.region_code, regionLevel: regionLevelOf(user.region_code) },
    actor: { userId: user.id, name: user.username },
  };
}

export function installRequestContext(app: FastifyInstance, db: Database, exemptFromCsrf: (url: string) => boolean) {
  app.decorateRequest('caller', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies?.[SESSION_COOKIE];
    if (!token) return;
    const found = await sessionUser(db, token);
    if (!found) return;
    request.caller = callerFor(found.user, found.csrfToken);
    // A cookie alone must never change data: a page on another site could send it. The CSRF token is
    // only readable by our own pages (from the login answer and GET /me).
    if (!SAFE_METHODS.has(request.method) && !exemptFromCsrf(request.url) && request.headers[CSRF_HEADER] !== found.csrfToken) {
      throw new AppError(403, 'CSRF', '请求缺少有效的安全令牌，请刷新页面', 'Missing or wrong CSRF token; reload the page');
    }
  });
}

export function requireCaller(request: FastifyRequest): Caller {
  if (!request.caller) throw new AppError(401, 'UNAUTHENTICATED', '请先登录', 'Please log in');
  return request.caller;
}

export function requirePermission(request: FastifyRequest, permission: Permission): Caller {
  const caller = requireCaller(request);
  if (!can(caller.user.role, permission)) throw forbidden();
  return caller;
}
