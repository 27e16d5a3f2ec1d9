// The HTTP server: one Fastify app under /api/v1 with schema-validated bodies, OpenAPI, JSON errors,
// and the built web workbench at / (one origin, no separate dev server).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../app-context';
import { errorHandler } from './error-handler';
import { installRequestContext } from './request-context';

export type App = FastifyInstance & { withTypeProvider(): FastifyInstance };
export type RouteModule = (app: FastifyInstance, ctx: AppContext) => void | Promise<void>;

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

// Paths that authenticate otherwise than by the session cookie (login itself; department bearer tokens).
const CSRF_EXEMPT = [/^\/api\/v1\/auth\/login/, /^\/api\/v1\/feeds\/[^/]+\/records/, /^\/api\/v1\/public\//];

export async function buildServer(ctx: AppContext, routeModules: RouteModule[], options: { logger?: boolean } = {}) {
  const app = Fastify({
    logger: options.logger ? { level: 'info' } : false,
    bodyLimit: 20 * 1024 * 1024,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
    trustProxy: true,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setErrorHandler(errorHandler);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'SafetyNet 民生保障网 API', version: '1' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sn_session' },
          departmentToken: { type: 'http', scheme: 'bearer' },
        },
      },
    },
  });
  installRequestContext(app, ctx.db, (url) => CSRF_EXEMPT.some((re) => re.test(url)));

  await app.register(
    async (api) => {
      for (const register of routeModules) await register(api, ctx);
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: '/api/v1' },
  );

  if (fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true });
    // The web app routes on the client: any other page path gets index.html; a missing asset is a 404,
    // never a page of HTML where the browser expects JavaScript.
    app.setNotFoundHandler((request, reply) => {
      if (request.url.startsWith('/api/') || request.url.startsWith('/assets/') || request.method !== 'GET') {
        return reply.status(404).send({ error: { code: 'NOT_FOUND', message: '接口不存在', messageEn: 'No such endpoint', fields: [] } });
      }
      return reply.sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler((_request, reply) =>
      reply.status(404).send({ error: { code: 'NOT_FOUND', message: '接口不存在', messageEn: 'No such endpoint', fields: [] } }),
    );
  }
  return app;
}
