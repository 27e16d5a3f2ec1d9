// POST /auth/login, POST /auth/logout, GET /me, PATCH /me/preferences.
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import type { AppContext } from '../app-context';
import { AppError } from '../errors';
import { callerFor, requireCaller, type Caller } from '../http/request-context';
import { SESSION_COOKIE, createSession, endSession } from './sessions';
import { loginBlocked, recordLoginAttempt } from './throttle';
import { findUserByUsername } from './users';
import { verifyPassword } from './password';
import { ROLE_LABELS, permissionsOf } from './roles';
import { appendAudit } from '../audit';

export const MeSchema = Type.Object({
  id: Type.Number(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  roleLabel: Type.Object({ zh: Type.String(), en: Type.String() }),
  regionCode: Type.String(),
  regionName: Type.String(),
  regionLevel: Type.Number(),
  department: Type.Union([Type.String(), Type.Null()]),
  permissions: Type.Array(Type.String()),
  preferences: Type.Object({ elderlyMode: Type.Optional(Type.Boolean()), locale: Type.Optional(Type.String()) }),
  csrfToken: Type.String(),
});
export type Me = Static<typeof MeSchema>;

export const LoginBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 40 }),
  password: Type.String({ minLength: 1, maxLength: 128 }),
}, { additionalProperties: false });

export const PreferencesBody = Type.Object({
  elderlyMode: Type.Optional(Type.Boolean()),
  locale: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
}, { additionalProperties: false });

async function describeCaller(ctx: AppContext, caller: Caller): Promise<Me> {
  const region = await ctx.db.query<{ name: string; path: string }>(
    `select r.name, coalesce((select string_agg(a.name, '' order by a.level) from regions a
       where a.code in (r.city_code, r.county_code, r.township_code) and a.code <> r.code), '') || r.name as path
     from regions r where r.code = $1`,
    [caller.user.region_code],
  );
  const { user } = caller;
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    roleLabel: ROLE_LABELS[user.role],
    regionCode: user.region_code,
    regionName: region.rows[0]?.path ?? user.region_code,
    regionLevel: caller.scope.regionLevel,
    department: user.department,
    permissions: permissionsOf(user.role),
    preferences: user.preferences ?? {},
    csrfToken: caller.csrfToken,
  };
}

export function authRoutes(app: FastifyInstance, ctx: AppContext) {
  app.post('/auth/login', { schema: { tags: ['auth'], body: LoginBody, response: { 200: MeSchema } } }, async (request, reply) => {
    const { username, password } = request.body as Static<typeof LoginBody>;
    const ip = request.ip;
    if (await loginBlocked(ctx.db, username, ip)) {
      throw new AppError(429, 'LOGIN_THROTTLED', '登录失败次数过多，请 15 分钟后再试', 'Too many failed logins; try again in 15 minutes');
    }
    const user = await findUserByUsername(ctx.db, username);
    const ok = !!user && !user.disabled_at && (await verifyPassword(password, user.password_hash));
    await recordLoginAttempt(ctx.db, username, ip, ok);
    if (!ok || !user) throw new AppError(401, 'LOGIN_FAILED', '用户名或密码错误', 'Wrong username or password');
    const session = await createSession(ctx.db, user.id);
    reply.setCookie(SESSION_COOKIE, session.token, {
      httpOnly: true, sameSite: 'strict', path: '/', secure: ctx.config.secureCookies, expires: session.expiresAt,
    });
    return describeCaller(ctx, callerFor(user, session.csrfToken));
  });

  app.post('/auth/logout', { schema: { tags: ['auth'] } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await endSession(ctx.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/me', { schema: { tags: ['auth'], response: { 200: MeSchema } } }, async (request) => describeCaller(ctx, requireCaller(request)));

  app.patch('/me/preferences', { schema: { tags: ['auth'], body: PreferencesBody, response: { 200: MeSchema } } }, async (request) => {
    const caller = requireCaller(request);
    const patch = request.body as Static<typeof PreferencesBody>;
    const preferences = { ...(caller.user.preferences ?? {}), ...patch };
    await ctx.db.transaction(async (tx) => {
      await tx.query('update users set preferences = $2::jsonb where id = $1', [caller.user.id, JSON.stringify(preferences)]);
      await appendAudit(tx, caller.actor, { action: 'user.preferences', entity: 'user', entityId: caller.user.id, before: caller.user.preferences, after: preferences });
    });
    return describeCaller(ctx, { ...caller, user: { ...caller.user, preferences } });
  });
}
