// Shared set-up of the casework database tests (used only by *.int.test.ts): a county with two townships and
// their staff, department accounts, a registered household, warnings as monitoring would write them, and a
// valid one-form application.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../platform/db';
import { createTestUser, login, type Session } from '../../test/api-client';
import { buildIdNumber } from '../registry/id-number';
import type { ApplicationForm } from './domain';

export const COUNTY = '360731000000';

export interface Region {
  countyCode: string;
  cityCode: string;
  townshipA: string;
  townshipB: string;
  villageA: string;
  villageA2: string;
  villageB: string;
}

export async function pickRegions(db: Database): Promise<Region> {
  const r = await db.query<{ township_code: string; code: string; city_code: string }>(
    `select township_code, code, city_code from regions where level = 5 and county_code = $1 order by township_code, code`, [COUNTY]);
  const townships = [...new Set(r.rows.map((x) => x.township_code))];
  const villagesA = r.rows.filter((x) => x.township_code === townships[0]);
  const villageB = r.rows.find((x) => x.township_code === townships[1])!;
  return {
    countyCode: COUNTY, cityCode: r.rows[0].city_code, townshipA: townships[0], townshipB: townships[1],
    villageA: villagesA[0].code, villageA2: villagesA[1].code, villageB: villageB.code,
  };
}

export async function users(db: Database, app: FastifyInstance, region: Region, prefix: string, extra: [string, string, string, string?][] = []): Promise<Record<string, Session>> {
  const plan: [string, string, string, string?][] = [
    ['tA', 'township', region.townshipA],
    ['tA2', 'township', region.townshipA],
    ['tB', 'township', region.townshipB],
    ['vA', 'village', region.villageA],
    ['county', 'county', region.countyCode],
    ['province', 'province', '360000000000'],
    ...extra,
  ];
  const sessions: Record<string, Session> = {};
  for (const [name, role, code, department] of plan) {
    await createTestUser(db, `${prefix}_${name}`, role, code, department);
    sessions[name] = await login(app, `${prefix}_${name}`);
  }
  return sessions;
}

export async function userId(db: Database, username: string): Promise<number> {
  const r = await db.query<{ id: number }>('select id from users where username = $1', [username]);
  return r.rows[0].id;
}

let sequence = 100;

/** A registered household in the village, created through the registry API; returns ids and ID numbers. */
export async function registerHousehold(s: Session, villageCode: string, members = 2) {
  const head = buildIdNumber('360731', '1975-03-04', sequence++ * 2 + 1);
  const spouse = buildIdNumber('360731', '1977-05-06', sequence++ * 2);
  const body = {
    areaType: 'rural', villageCode, address: '测试村 1 组 8 号',
    members: [
      { idNumber: head, name: '刘大伟', relation: 'head' },
      ...(members > 1 ? [{ idNumber: spouse, name: '陈小芳', relation: 'spouse' }] : []),
    ],
    bank: { bankName: '江西农商银行', accountNo: '6228480012345678', holderMemberIndex: 0 },
  };
  const res = await s.request('POST', '/api/v1/households', body);
  if (res.status !== 201) throw new Error(`household: ${res.status} ${JSON.stringify(res.body)}`);
  const headPerson = res.body.members.find((m: any) => m.relation === 'head');
  return { householdId: res.body.id as number, headPersonId: headPerson.id as number, headIdNumber: head, spouseIdNumber: spouse };
}

let ruleSequence = 0;

/** A warning as monitoring writes it (with its rule and version), raised on the given day (China time). */
export async function insertWarning(
  db: Database,
  w: { level: 'red' | 'yellow' | 'blue'; personId: number; householdId: number; idNumber: string; raisedOn: string; region: { village: string; township: string; county: string; city: string } },
): Promise<number> {
  const code = `test_rule_${++ruleSequence}_${Math.random().toString(36).slice(2, 8)}`;
  await db.query(`insert into monitoring_rules (code, name, scenario, subject, feeds) values ($1, '测试规则', 'illness', 'person', '{}')`, [code]);
  const v = await db.query<{ id: number }>(
    `insert into monitoring_rule_versions (rule_code, version, level, enabled, applies_to, params, effective_from, created_by)
     values ($1, 1, $2, true, 'both', '{}', '2024-01-01', 'test') returning id`, [code, w.level]);
  const r = await db.query<{ id: number }>(
    `insert into warnings (rule_code, rule_version_id, rule_version, scenario, level, subject_kind, subject_key, person_id, household_id, id_number,
       person_name, monitored, region_code, village_code, township_code, county_code, city_code, figures, summary, summary_en, raised_at)
     values ($1, $2, 1, 'illness', $3, 'person', $4, $5, $6, $7, '刘大伟', true, $8, $8, $9, $10, $11, '{}', '近12个月自付医疗费用超过2万元',
       'Self-paid medical costs above 20,000 yuan', ($12::date::timestamp + interval '2 hours') at time zone 'UTC')
     returning id`,
    [code, v.rows[0].id, w.level, `p:${w.idNumber}`, w.personId, w.householdId, w.idNumber, w.region.village, w.region.township, w.region.county,
      w.region.city, w.raisedOn]);
  return r.rows[0].id;
}

/** The valid five-member form of the domain tests, in the given village. */
export const FORM_IDS = {
  head: '360731197805120015',
  spouse: '360731198003030020',
  pupil: '360731201209010038',
  student: '360731200706150045',
  grandfather: '360731195001010057',
};

export function applicationForm(villageCode: string, items: ApplicationForm['items']): ApplicationForm {
  const ID = FORM_IDS;
  return {
    applicant: { name: '张建国', idNumber: ID.head, phone: '13907971234' },
    household: { regionCode: villageCode, areaType: 'rural', address: '江西省赣州市于都县某村3组12号' },
    members: [
      { name: '张建国', idNumber: ID.head, relation: 'head', seriousIllness: true },
      { name: '李秀英', idNumber: ID.spouse, relation: 'spouse' },
      { name: '张小明', idNumber: ID.pupil, relation: 'child', schoolStage: 'junior' },
      { name: '张小红', idNumber: ID.student, relation: 'child', schoolStage: 'bachelor' },
      { name: '张老汉', idNumber: ID.grandfather, relation: 'parent', disability: { kind: 'physical', grade: 2 } },
    ],
    incomes: [{ type: 'wages', monthlyAmountFen: 120_000, memberIdNumber: ID.spouse }],
    assets: [{ type: 'deposit', valueFen: 300_000, description: '农村信用社活期存款' }],
    rigidExpenses: [{ type: 'medical', annualAmountFen: 4_500_000, memberIdNumber: ID.head, description: '肺癌化疗自付费用' }],
    bankAccount: { holderIdNumber: ID.head, holderName: '张建国', bankName: '江西农商银行', accountNumber: '6230910012345678901' },
    authorisation: { signedOn: '2026-06-01', signedBy: [ID.head, ID.spouse, ID.student, ID.grandfather] },
    items,
  };
}

/** Tiny but real files: their first bytes are what the type says. */
export const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
export const PDF_BYTES = Buffer.from('%PDF-1.4\n%test\n', 'latin1');
