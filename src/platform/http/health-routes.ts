// GET /health: the process answers and the database answers.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../app-context';

export function healthRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/health', {
    schema: {
      tags: ['platform'],
      response: { 200: Type.Object({ status: Type.String(), engine: Type.String(), time: Type.String() }) },
    },
  }, async () => {
    await ctx.db.query('select 1');
    return { status: 'ok', engine: ctx.db.engine, time: ctx.now().toISOString() };
  });
}
