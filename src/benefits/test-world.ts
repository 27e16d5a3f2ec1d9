// Test-only: a small world for the benefits database tests — the seed policies, staff of 上犹县 (the seed's
// county) and of another county, and households made through the registry API so they are real registry
// rows (valid ID numbers, region codes, bank holder a member). Imported by *.int.test.ts only.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../platform/db';
import { createTestUser, login, testApp, type Session } from '../../test/api-client';
import { buildIdNumber } from '../registry/id-number';
import { seedPolicyVersions } from './store/policy-store';
import { SHANGYOU_COUNTY } from './policy/seed';

export const OTHER_COUNTY = '360731000000';

export interface World {
  app: FastifyInstance;
  county: Session;
  otherCounty: Session;
  townshipA: Session;
  townshipB: Session;
  city: Session;
  villageA: string;
  villageB: string;
  otherVillage: string;
  /** A household made through the registry API; returns its id and member ids (in the order given). */
  household(spec: HouseholdSpec): Promise<{ id: number; members: number[] }>;
}

export interface MemberSpec {
  name: string;
  relation: string;
  birthDate: string;
  labourCapacity?: string;
  employment?: string | null;
  disabilityKind?: string | null;
  disabilityGrade?: number | null;
  seriousIllness?: string | null;
  schoolStage?: string | null;
}

export interface HouseholdSpec {
  area?: 'urban' | 'rural';
  village?: string;
  members: MemberSpec[];
  holderIndex?: number | null;
  categories?: { category: string; fromDate: string }[];
  as?: Session;
}

let sequence = 100;

export async function makeWorld(db: Database, engine: string, now?: () => Date): Promise<World> {
  const { app } = await testApp(db, now);
  await seedPolicyVersions(db);
  const villages = await db.query<{ township_code: string; code: string }>(
    `select township_code, min(code) as code from regions where level = 5 and county_code = $1 group by township_code order by township_code limit 2`, [SHANGYOU_COUNTY]);
  const other = await db.query<{ code: string; township_code: string }>(`select code, township_code from regions where level = 5 and county_code = $1 order by code limit 1`, [OTHER_COUNTY]);
  const [a, b] = villages.rows;
  const users: [string, string, string][] = [
    [`bc_${engine}`, 'county', SHANGYOU_COUNTY], [`bo_${engine}`, 'county', OTHER_COUNTY], [`bta_${engine}`, 'township', a.township_code],
    [`btb_${engine}`, 'township', b.township_code], [`bci_${engine}`, 'city', '360700000000'],
  ];
  for (const [u, role, region] of users) await createTestUser(db, u, role, region);
  const [county, otherCounty, townshipA, townshipB, city] = await Promise.all(users.map(([u]) => login(app, u)));
  const world: World = {
    app, county, otherCounty, townshipA, townshipB, city,
    villageA: a.code, villageB: b.code, otherVillage: other.rows[0].code,
    async household(spec) {
      const village = spec.village ?? a.code;
      const as = spec.as ?? (village === other.rows[0].code ? otherCounty : county);
      const members = spec.members.map((m) => Object.fromEntries(Object.entries({
        idNumber: buildIdNumber(village.slice(0, 6), m.birthDate, (sequence = (sequence % 998) + 1)),
        name: m.name, relation: m.relation, labourCapacity: m.labourCapacity ?? 'full', employment: m.employment,
        disabilityKind: m.disabilityKind, disabilityGrade: m.disabilityGrade, seriousIllness: m.seriousIllness, schoolStage: m.schoolStage,
      }).filter(([, v]) => v !== undefined && v !== null)));
      const res = await as.request('POST', '/api/v1/households', {
        areaType: spec.area ?? 'rural', villageCode: village, address: `测试地址${sequence}号`, members,
        bank: spec.holderIndex === null ? null : { bankName: '江西农商银行', accountNo: `62284800${String(100000000 + sequence * 7919).slice(0, 9)}1`, holderMemberIndex: spec.holderIndex ?? 0 },
        categories: spec.categories ?? [],
      });
      if (res.status !== 201) throw new Error(`household: ${res.status} ${JSON.stringify(res.body)}`);
      const byNumber = new Map<string, number>(res.body.members.map((m: { id: number; idNumberMasked: string; name: string }) => [m.name, m.id]));
      return { id: res.body.id, members: spec.members.map((m) => byNumber.get(m.name)!) };
    },
  };
  return world;
}
