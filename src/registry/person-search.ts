// Finding people at province scale: by name prefix, region, category; paged; always inside the caller's
// scope. ID numbers are searched only through lookup (POST body), never in a URL that proxies log.
import type { Database } from '../platform/db';
import { householdScopeCondition, type Scope } from '../platform/auth/scope';
import { appendAudit } from '../platform/audit';
import type { Caller } from '../platform/http/request-context';
import { notFound, validationFailed, fieldError, forbidden } from '../platform/errors';
import { can } from '../platform/auth/roles';
import { parseIdNumber } from './id-number';
import { maskIdNumber, maskPhone } from './masking';

export interface PersonSummary {
  id: number;
  name: string;
  sex: string;
  birthDate: string;
  idNumberMasked: string;
  householdId: number;
  relation: string | null;
  villageCode: string;
  regionName: string;
  categories: string[];
}

export interface PersonQuery {
  name?: string;
  regionCode?: string;
  category?: string;
  page?: number;
  pageSize?: number;
  sort?: 'id' | 'name' | 'birthDate';
  order?: 'asc' | 'desc';
}

const REGION_COLUMN: Record<number, string> = { 2: 'city_code', 3: 'county_code', 4: 'township_code', 5: 'village_code' };
// Counting everything at province scale would scan millions of rows per page; past this we say "10,000+".
export const COUNT_CAP = 10_000;

function regionLevel(code: string): number {
  if (code.endsWith('0000000000')) return 1;
  if (code.endsWith('00000000')) return 2;
  if (code.endsWith('000000')) return 3;
  if (code.endsWith('000')) return 4;
  return 5;
}

const SELECT = `select p.id, p.name, p.sex, p.birth_date, p.id_number, p.household_id, p.relation, h.village_code,
  (select string_agg(a.name, '' order by a.level) from regions a where a.code in (h.county_code, h.township_code, h.village_code)) as region_name,
  coalesce((select array_agg(distinct hc.category) from household_categories hc where hc.household_id = h.id and hc.to_date is null), '{}') as categories
  from persons p join households h on h.id = p.household_id`;

function toSummary(r: Record<string, any>): PersonSummary {
  return {
    id: r.id, name: r.name, sex: r.sex, birthDate: r.birth_date, idNumberMasked: maskIdNumber(r.id_number), householdId: r.household_id,
    relation: r.relation, villageCode: r.village_code, regionName: r.region_name ?? '', categories: r.categories ?? [],
  };
}

export async function searchPersons(db: Database, scope: Scope, q: PersonQuery): Promise<{ items: PersonSummary[]; total: number; totalCapped: boolean; page: number; pageSize: number }> {
  const params: unknown[] = [];
  const where = [householdScopeCondition(scope, 'h', params)];
  if (q.name?.trim()) {
    params.push(`${q.name.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`p.name like $${params.length}`);
  }
  if (q.regionCode) {
    const code = q.regionCode.padEnd(12, '0');
    const level = regionLevel(code);
    if (level > 1) {
      params.push(code);
      where.push(`h.${REGION_COLUMN[level]} = $${params.length}`);
    }
  }
  if (q.category) {
    params.push(q.category);
    where.push(`exists (select 1 from household_categories c where c.household_id = h.id and c.to_date is null and c.category = $${params.length})`);
  }
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 20));
  const dir = q.order === 'desc' ? 'desc' : 'asc';
  // Names sort by code point (collate "C") so both engines agree; the web sorts a page by pinyin.
  const order = q.sort === 'name' ? `p.name collate "C" ${dir}, p.id` : q.sort === 'birthDate' ? `p.birth_date ${dir}, p.id` : `p.id ${dir}`;
  const whereSql = where.join(' and ');
  const [rows, count] = await Promise.all([
    db.query<Record<string, any>>(`${SELECT} where ${whereSql} order by ${order} limit ${pageSize} offset ${(page - 1) * pageSize}`, params),
    db.query<{ n: number }>(`select count(*)::int as n from (select 1 from persons p join households h on h.id = p.household_id where ${whereSql} limit ${COUNT_CAP + 1}) t`, params),
  ]);
  const n = count.rows[0].n;
  return { items: rows.rows.map(toSummary), total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP, page, pageSize };
}

/** By ID number (either generation); audited, since looking someone up by number is a look at personal data. */
export async function lookupPerson(db: Database, caller: Caller, idNumber: string): Promise<PersonSummary> {
  const parsed = parseIdNumber(idNumber);
  if (!parsed.ok) throw validationFailed([fieldError('idNumber', parsed.code, parsed.message.zh, `ID number: ${parsed.message.en}`)]);
  const params: unknown[] = [parsed.idNumber];
  const cond = householdScopeCondition(caller.scope, 'h', params);
  const r = await db.query<Record<string, any>>(`${SELECT} where p.id_number = $1 and ${cond}`, params);
  const found = r.rows[0];
  await db.transaction((tx) => appendAudit(tx, caller.actor, {
    action: 'person.lookup', entity: 'person', entityId: found?.id ?? null, regionCode: found?.village_code ?? null,
    after: { idNumberMasked: maskIdNumber(parsed.idNumber), found: !!found },
  }));
  if (!found) throw notFound('人员', 'Person');
  return toSummary(found);
}

export type RevealField = 'idNumber' | 'phone';

/** Shows one full ID number or phone to a role allowed to see it, and writes that to the audit trail. */
export async function revealPerson(db: Database, caller: Caller, personId: number, field: RevealField, reason: string): Promise<{ value: string | null }> {
  if (!can(caller.user.role, 'person.reveal')) throw forbidden();
  return db.transaction(async (tx) => {
    const params: unknown[] = [personId];
    const cond = householdScopeCondition(caller.scope, 'h', params);
    const r = await tx.query<{ id_number: string; phone: string | null; village_code: string }>(
      `select p.id_number, p.phone, h.village_code from persons p join households h on h.id = p.household_id where p.id = $1 and ${cond}`, params);
    const p = r.rows[0];
    if (!p) throw notFound('人员', 'Person');
    const value = field === 'idNumber' ? p.id_number : p.phone;
    await appendAudit(tx, caller.actor, {
      action: 'person.reveal', entity: 'person', entityId: personId, regionCode: p.village_code,
      after: { field, reason, shown: field === 'idNumber' ? maskIdNumber(p.id_number) : p.phone ? maskPhone(p.phone) : null },
    });
    return { value };
  });
}

export interface HistoryEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
}

/** The household's changes from the audit trail (the record itself, not a second copy that could drift). */
export async function householdHistory(db: Database, scope: Scope, householdId: number): Promise<HistoryEntry[]> {
  const params: unknown[] = [householdId];
  const cond = householdScopeCondition(scope, 'h', params);
  const exists = await db.query(`select 1 from households h where h.id = $1 and ${cond}`, params);
  if (!exists.rows.length) throw notFound('家庭', 'Household');
  const r = await db.query<Record<string, any>>(
    `select seq, at, actor, action, before, after from audit_log where entity = 'household' and entity_id = $1 order by seq desc limit 200`,
    [String(householdId)],
  );
  return r.rows.map((e) => ({ seq: e.seq, at: new Date(e.at).toISOString(), actor: e.actor, action: e.action, before: e.before, after: e.after }));
}
