// The household expense ledger on both engines: a preview of RIGID_OVER_INCOME counted from the ledger
// must equal the same preview computed live — right after the build, and after each kind of change the
// ledger does not hold (new records of each feed, a member moving, a new member, a warning closed) — and
// the ledger must stand aside on another day or with another window.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeOnEngines } from '../../test/engines';
import { runFullComparison } from './comparison-runs';
import { buildExpenseLedger, householdExpenseLedger, latestLedger, usableLedger } from './expense-ledger';
import { startLedgerKeeper } from './ledger-keeper';
import { keepLedgerCurrent, ledgerOutOfDate } from './preview-ledgers';
import { CITY, compareCases, compareWithLive, OTHER_CITY_COUNTY, type PreviewCase } from './ledger-test-support';
import { previewRule } from './preview';
import { COUNTY, TODAY, World, type Made } from './test-support';

const actor = { userId: null, name: 'test' };
const province = { userId: 0, username: 'test', role: 'province' as const, regionCode: '360000000000', regionLevel: 1 };

describeOnEngines('household expense ledger', ({ db }) => {
  let w: World;
  const h: Record<string, Made> = {};
  let n = 0;
  const med = (idNumber: string, settledOn: string, selfPaid: number) =>
    ({ id_number: idNumber, settlement_no: `L-${++n}`, settled_on: settledOn, total_cost: selfPaid * 2, self_paid: selfPaid });
  const pair = (options: { categories?: string[]; county?: string } = {}) =>
    w.household([{ birthDate: '1975-03-03' }, { birthDate: '2005-04-04', relation: 'child' }], options);

  const compare = (what: string, regionCode: string | null, params: Record<string, unknown>, expectLedger: boolean | null = true) =>
    compareWithLive(db(), 'RIGID_OVER_INCOME', what, regionCode, params, expectLedger);
  const CASES: PreviewCase[] = [
    [null, {}], [null, { minExpenseFen: 800_000 }], [null, { ratio: 2 }], [CITY, {}], [CITY, { minExpenseFen: 800_000 }], [COUNTY, {}],
  ];
  const compareAll = (what: string) => compareCases(db(), 'RIGID_OVER_INCOME', what, CASES);
  const subjects = async (regionCode: string | null = null, params: Record<string, unknown> = {}) =>
    (await previewRule(db(), province, 'RIGID_OVER_INCOME', { regionCode, params }, TODAY, { sampleSize: 50 })).proposed;

  beforeAll(async () => {
    w = new World(db());
    h.over = await pair();
    h.under = await pair();
    h.ratio = await pair();
    h.split = await pair();
    h.otherCity = await pair({ county: OTHER_CITY_COUNTY });
    h.notMonitored = await pair({ categories: [] });
    h.baseWage = await pair();
    h.quiet = await pair();
    const id = (k: string, i = 0) => h[k].persons[i].idNumber;
    await w.feed('medical_settlement', [
      med(id('over'), '2026-02-01', 1_500_000),
      med(id('under'), '2026-02-01', 900_000),
      med(id('ratio'), '2026-03-01', 1_200_000),
      med(id('split'), '2026-01-05', 600_000),
      med(id('otherCity'), '2026-01-05', 2_000_000),
      med(id('notMonitored'), '2026-01-05', 2_000_000),
      med(id('baseWage'), '2026-01-05', 1_300_000),
      med(id('quiet'), '2026-01-05', 100_000),
      med(id('over'), '2025-06-15', 5_000_000), // 12 months ago: outside the window
    ]);
    await w.feed('student_enrollment', [{ id_number: id('split', 1), school: '大学', stage: 'bachelor', enrolled_on: '2025-09-01', tuition: 500_000 }]);
    await w.feed('tax_income', [
      { id_number: id('over'), period: '2026-01', income: 500_000, income_type: '工资薪金' },
      { id_number: id('ratio', 1), period: '2026-02', income: 1_000_000, income_type: '工资薪金' },
    ]);
    const months = ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
    await w.feed('social_insurance_contribution', months.map((period) => ({ id_number: id('baseWage', 1), period, insurance_type: 'employee_pension', base_wage: 100_000 })));
    // Warnings in place, so that "already open" counts too.
    await runFullComparison(db(), { today: TODAY, countyCode: COUNTY, workers: 1, actor });
  });

  it('logs no changes while there is no ledger, and builds one of every household with expenditure', async () => {
    expect((await db().query('select * from expense_ledger_changes')).rows).toEqual([]);
    expect(await latestLedger(db())).toBeNull();
    const build = await buildExpenseLedger(db(), TODAY);
    expect(build).toMatchObject({ asOf: TODAY, windowMonths: 12, incomeInsuranceTypes: ['employee_pension'], rows: 8 });
    const rows = await db().query<{ household_id: string; medical: string; tuition: string; income: string }>(
      'select household_id, medical, tuition, income from expense_ledger where build_id = $1', [build.id]);
    const of = (k: string) => rows.rows.find((r) => Number(r.household_id) === h[k].householdId)!;
    expect([of('over').medical, of('over').income].map(Number)).toEqual([1_500_000, 500_000]);
    expect([of('split').medical, of('split').tuition].map(Number)).toEqual([600_000, 500_000]);
    expect(Number(of('baseWage').income)).toBe(1_200_000);
  });

  it('counts as the live rule does, for the province, a city and moved thresholds', async () => {
    await compareAll('as built');
    // The world is what the cases say: over, ratio, split, otherCity and baseWage (1,300,000 > 12 × 100,000)
    // fire by default, all but otherCity in the city; under from 8,000 yuan; ratio and baseWage not at 2 ×.
    expect((await subjects()).subjects).toBe(5);
    expect((await subjects(CITY)).subjects).toBe(4);
    expect((await subjects(null, { minExpenseFen: 800_000 })).subjects).toBe(6);
    expect((await subjects(null, { ratio: 2 })).subjects).toBe(3);
  });

  describe('changes after the build', () => {
    it('new records of each feed', async () => {
      await w.feed('medical_settlement', [med(h.under.persons[1].idNumber, '2026-05-01', 200_000)]);
      expect((await compare('medical', null, {})).ledger).toMatchObject({ name: 'householdExpense', used: true, changed: 1, unit: 'households' });
      expect((await subjects()).subjects).toBe(6);
      await w.feed('tax_income', [{ id_number: h.over.persons[1].idNumber, period: '2026-03', income: 2_000_000, income_type: '工资薪金' }]);
      await w.feed('student_enrollment', [{ id_number: h.quiet.persons[1].idNumber, school: '职校', stage: 'secondary_vocational', enrolled_on: '2026-03-01', tuition: 1_000_000 }]);
      await w.feed('social_insurance_contribution', [{ id_number: h.split.persons[0].idNumber, period: '2026-04', insurance_type: 'employee_pension', base_wage: 2_000_000 }]);
      await compareAll('four feeds');
      // over and split now earn more than they spend; quiet's tuition makes it fire.
      expect((await subjects()).subjects).toBe(5);
    });

    it('a member moving to another household, and a new member', async () => {
      await db().query('update persons set household_id = $1 where id = $2', [h.ratio.householdId, h.otherCity.persons[0].id]);
      await compareAll('moved');
      const newcomer = w.idNumber('1990-09-09');
      await w.feed('medical_settlement', [med(newcomer, '2026-04-01', 3_000_000)]); // before they are in the registry
      await db().query(
        `insert into persons (id_number, name, sex, birth_date, household_id, relation, labour_capacity) values ($1, '新成员', 'M', '1990-09-09', $2, 'spouse', 'full')`,
        [newcomer, h.notMonitored.householdId]);
      await db().query(
        `insert into persons (id_number, name, sex, birth_date, household_id, relation, labour_capacity) values ($1, '新成员二', 'M', '1990-09-09', $2, 'spouse', 'full')`,
        [w.idNumber('1990-09-09'), h.quiet.householdId]);
      await compareAll('new member');
      const changes = await db().query<{ reason: string }>(`select distinct reason from expense_ledger_changes`);
      expect(changes.rows.map((r) => r.reason)).toEqual(['members']);
    });

    it('a warning of the rule closed (its evidence no longer counts)', async () => {
      const open = await db().query<{ id: string; household_id: string }>(
        `select id, household_id from warnings where rule_code = 'RIGID_OVER_INCOME' and status <> 'closed' order by id limit 1`);
      expect(open.rows).toHaveLength(1);
      await db().transaction(async (tx) => {
        await tx.query(`update warnings set status = 'closed', closed_at = now() where id = $1`, [open.rows[0].id]);
        await tx.query('update warning_evidence set closed = true where warning_id = $1', [open.rows[0].id]);
      });
      const logged = await db().query<{ household_id: string }>(`select household_id from expense_ledger_changes where reason = 'evidence_closed'`);
      expect(logged.rows.map((r) => Number(r.household_id))).toEqual([Number(open.rows[0].household_id)]);
      await compareAll('closed');
    });

    it('a rebuild takes the changes in and starts the log afresh', async () => {
      const before = await subjects(null, { minExpenseFen: 800_000 });
      // A build that crashed after noting its watermarks is cleared away by the next one.
      await db().query(
        `insert into expense_ledger_builds (as_of, window_months, income_insurance_types, feed_watermarks, changes_watermark)
         values ($1, 12, '{employee_pension}', '{}', 0)`, [TODAY]);
      const build = await buildExpenseLedger(db(), TODAY);
      expect((await db().query('select id from expense_ledger_builds')).rows.map((r: any) => Number(r.id))).toEqual([build.id]);
      expect((await db().query('select * from expense_ledger_changes')).rows).toEqual([]);
      const ledger = await usableLedger(db(), { windowMonths: 12, incomeInsuranceTypes: ['employee_pension'] }, TODAY);
      expect(ledger).toMatchObject({ build: { id: build.id }, changed: { households: [] } });
      expect(await subjects(null, { minExpenseFen: 800_000 })).toEqual(before);
      await compareAll('rebuilt');
    });
  });

  it('stands aside on another day, with another window or other income types', async () => {
    const otherDay = await previewRule(db(), province, 'RIGID_OVER_INCOME', { params: {} }, '2026-06-16');
    expect(otherDay.ledger).toEqual({ name: 'householdExpense', used: false, why: 'otherDay' });
    const window = await compare('window', null, { windowMonths: 6 }, false);
    expect(window.ledger).toEqual({ name: 'householdExpense', used: false, why: 'otherParams' });
    expect((await compare('income types', CITY, { incomeInsuranceTypes: [] }, false)).ledger).toEqual({ name: 'householdExpense', used: false, why: 'otherParams' });
    // Rules without a ledger say nothing of one.
    expect((await previewRule(db(), province, 'SERIOUS_ILLNESS', { params: {} }, TODAY)).ledger).toBeNull();
  });

  it('is built again when it no longer serves the day, and left alone while it does', async () => {
    expect(await ledgerOutOfDate(db(), householdExpenseLedger, TODAY)).toBeNull();
    expect(await keepLedgerCurrent(db(), householdExpenseLedger, TODAY)).toBeNull();
    const lines: string[] = [];
    const keeper = startLedgerKeeper(db(), () => '2026-06-16', { firstAfterMs: 60_000, log: (line) => lines.push(line) });
    await Promise.all([keeper.check(), keeper.check()]); // one build, not two
    keeper.stop();
    // Every ledger is checked; the ledgers of people, never built here, are built too.
    expect(lines).toEqual([
      expect.stringMatching(/^household expense ledger built \(otherDay\): \d+ rows as of 2026-06-16 in /),
      expect.stringMatching(/^personal medical ledger built \(none\): \d+ rows as of 2026-06-16 in /),
      expect.stringMatching(/^monthly medical ledger built \(none\): \d+ rows as of 2026-06-16 in /),
      expect.stringMatching(/^personal contribution ledger built \(none\): \d+ rows as of 2026-06-16 in /),
    ]);
    expect(await ledgerOutOfDate(db(), householdExpenseLedger, '2026-06-16')).toBeNull();
    expect(await ledgerOutOfDate(db(), householdExpenseLedger, TODAY)).toBe('otherDay');
  });
});
