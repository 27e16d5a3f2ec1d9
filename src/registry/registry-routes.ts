// HTTP routes of the registry. Thin: check the body's shape and the caller's permission, then call the
// plain functions that do the work (and apply the region scope in their queries).
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import type { AppContext } from '../platform/app-context';
import { todayIn } from '../platform/app-context';
import { requireCaller, requirePermission } from '../platform/http/request-context';
import { notFound } from '../platform/errors';
import { HouseholdInput, HouseholdPatch } from './household-input';
import { createHousehold, updateHousehold } from './household-write';
import { readHousehold } from './household-view';
import { householdHistory, lookupPerson, revealPerson, searchPersons } from './person-search';
import { CATEGORIES } from './vocabulary';

const IdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const CodeParam = Type.Object({ code: Type.String({ pattern: '^\\d{2}(\\d{2})*(\\d{3})*$', maxLength: 12 }) });

export const PersonQuerySchema = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 50 })),
  regionCode: Type.Optional(Type.String({ pattern: '^\\d{2,12}$' })),
  category: Type.Optional(Type.Union(CATEGORIES.map((c) => Type.Literal(c)))),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  sort: Type.Optional(Type.Union([Type.Literal('id'), Type.Literal('name'), Type.Literal('birthDate')])),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
}, { additionalProperties: false });

export const LookupBody = Type.Object({ idNumber: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });
export const RevealBody = Type.Object({
  field: Type.Union([Type.Literal('idNumber'), Type.Literal('phone')]),
  reason: Type.String({ minLength: 1, maxLength: 200 }),
}, { additionalProperties: false });

const tags = ['registry'];

/** A region as GET /regions/{code}/children lists it. */
export interface RegionNode {
  code: string;
  name: string;
  level: number;
  areaType: 'urban' | 'rural' | null;
  hasChildren: boolean;
}

/** A region with its path from the city down, as GET /regions/{code} answers. */
export interface RegionDetail {
  code: string;
  name: string;
  level: number;
  areaType: 'urban' | 'rural' | null;
  parentCode: string | null;
  path: { code: string; name: string; level: number }[];
}

export function registryRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/regions/:code/children', { schema: { tags, params: CodeParam } }, async (request) => {
    requireCaller(request);
    const code = (request.params as Static<typeof CodeParam>).code.padEnd(12, '0');
    const r = await ctx.db.query<Record<string, any>>(
      `select c.code, c.name, c.level, c.area_type, exists (select 1 from regions g where g.parent_code = c.code) as has_children
       from regions c where c.parent_code = $1 order by c.code`, [code]);
    return r.rows.map((c): RegionNode => ({ code: c.code, name: c.name, level: c.level, areaType: c.area_type, hasChildren: c.has_children }));
  });

  app.get('/regions/:code', { schema: { tags, params: CodeParam } }, async (request) => {
    requireCaller(request);
    const code = (request.params as Static<typeof CodeParam>).code.padEnd(12, '0');
    const r = await ctx.db.query<Record<string, any>>(
      `select r.code, r.name, r.level, r.area_type, r.parent_code,
        (select json_agg(json_build_object('code', a.code, 'name', a.name, 'level', a.level) order by a.level)
         from regions a where a.code in (r.city_code, r.county_code, r.township_code, r.code)) as path
       from regions r where r.code = $1`, [code]);
    if (!r.rows[0]) throw notFound('行政区划', 'Region');
    const x = r.rows[0];
    const detail: RegionDetail = { code: x.code, name: x.name, level: x.level, areaType: x.area_type, parentCode: x.parent_code, path: x.path ?? [] };
    return detail;
  });

  app.get('/persons', { schema: { tags, querystring: PersonQuerySchema } }, async (request) => {
    const caller = requirePermission(request, 'registry.read');
    return searchPersons(ctx.db, caller.scope, request.query as Static<typeof PersonQuerySchema>);
  });

  app.post('/persons/lookup', { schema: { tags, body: LookupBody } }, async (request) => {
    const caller = requirePermission(request, 'registry.read');
    return lookupPerson(ctx.db, caller, (request.body as Static<typeof LookupBody>).idNumber);
  });

  app.post('/persons/:id/reveal', { schema: { tags, params: IdParam, body: RevealBody } }, async (request) => {
    const caller = requirePermission(request, 'registry.read');
    const { field, reason } = request.body as Static<typeof RevealBody>;
    return revealPerson(ctx.db, caller, (request.params as Static<typeof IdParam>).id, field, reason);
  });

  app.post('/households', { schema: { tags, body: HouseholdInput } }, async (request, reply) => {
    const caller = requirePermission(request, 'registry.write');
    const view = await createHousehold(ctx.db, caller, request.body as HouseholdInput, todayIn(ctx));
    return reply.status(201).send(view);
  });

  app.get('/households/:id', { schema: { tags, params: IdParam } }, async (request) => {
    const caller = requirePermission(request, 'registry.read');
    return readHousehold(ctx.db, caller.scope, (request.params as Static<typeof IdParam>).id, todayIn(ctx));
  });

  app.patch('/households/:id', { schema: { tags, params: IdParam, body: HouseholdPatch } }, async (request) => {
    const caller = requirePermission(request, 'registry.write');
    return updateHousehold(ctx.db, caller, (request.params as Static<typeof IdParam>).id, request.body as HouseholdPatch, todayIn(ctx));
  });

  app.get('/households/:id/history', { schema: { tags, params: IdParam } }, async (request) => {
    const caller = requirePermission(request, 'registry.read');
    return householdHistory(ctx.db, caller.scope, (request.params as Static<typeof IdParam>).id);
  });
}
