// The monthly medical ledger on both engines: a preview of MEDICAL_SPIKE counted from the ledger must equal
// the same preview computed live (counts, counties, sample) at, under and over each parameter (minimum,
// factor, baseline, look-back up to the months the ledger keeps), in ranges of ID numbers, and after each
// kind of change the ledger does not hold (new settlements, a warning closed); it stands aside for a
// minimum under its floor and on another day.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeOnEngines } from '../../test/engines';
import { runFullComparison } from './comparison-runs';
import { CITY, closeWarningOf, compareCases, compareWithLive, OTHER_CITY_COUNTY, type PreviewCase, PROVINCE_ACCOUNT } from './ledger-test-support';
import { MEDICAL_MONTH_LEDGER_FLOOR, medicalMonthsLedger } from './medical-month-ledger';
import { ledgerOutOfDate } from './preview-ledgers';
import { previewRule } from './preview';
import { COUNTY, TODAY, World, type Made } from './test-support';

const actor = { userId: null, name: 'test' };
const RULE = 'MEDICAL_SPIKE';

describeOnEngines('monthly medical ledger', ({ db }) => {
  let w: World;
  const h: Record<string, Made> = {};
  let n = 0;
  const id = (k: string) => h[k].persons[0].idNumber;
  const med = (idNumber: string, settledOn: string, selfPaid: number) =>
    ({ id_number: idNumber, settlement_no: `S-${++n}`, settled_on: settledOn, total_cost: selfPaid * 2, self_paid: selfPaid });
  let stranger = '';

  const compare = (what: string, regionCode: string | null, params: Record<string, unknown>, expectLedger: boolean | null = true) =>
    compareWithLive(db(), RULE, what, regionCode, params, expectLedger);
  const CASES: PreviewCase[] = [
    [null, {}], [null, { minAmountFen: 300_000 }], [null, { minAmountFen: MEDICAL_MONTH_LEDGER_FLOOR }], [null, { factor: 2 }],
    [null, { lookbackMonths: 4 }], [null, { lookbackMonths: 24 }], [null, { baselineMonths: 2 }], [CITY, {}], [CITY, { factor: 2 }], [COUNTY, {}],
  ];
  const compareAll = (what: string) => compareCases(db(), RULE, what, CASES, { split: id('notSpike').slice(0, 10), params: { factor: 2 } });
  const subjects = async (regionCode: string | null = null, params: Record<string, unknown> = {}) =>
    (await previewRule(db(), PROVINCE_ACCOUNT, RULE, { regionCode, params }, TODAY, { sampleSize: 50 })).proposed.subjects;

  beforeAll(async () => {
    w = new World(db());
    const one = (birthDate: string, options: { categories?: string[]; county?: string } = {}) => w.household([{ birthDate }], options);
    h.spike = await one('1960-01-01');
    h.noBase = await one('1961-01-01');
    h.underMin = await one('1962-01-01');
    h.notSpike = await one('1963-01-01');
    h.early = await one('1964-01-01'); // a spike four months ago
    h.twoParts = await one('1965-01-01');
    h.otherCity = await one('1966-01-01', { county: OTHER_CITY_COUNTY });
    h.reversed = await one('1967-01-01');
    h.longAgo = await one('1968-01-01'); // 23 and 24 months ago
    h.small = await one('1968-06-01'); // 800 yuan: under the ledger's floor
    stranger = w.idNumber('1969-09-09');
    const baseline = (k: string, perMonth: number) => ['2025-11-10', '2025-12-10', '2026-01-10', '2026-02-10', '2026-03-10', '2026-04-01'].map((d) => med(id(k), d, perMonth));
    await w.feed('medical_settlement', [
      ...baseline('spike', 100_000), med(id('spike'), '2026-05-20', 800_000),
      med(id('noBase'), '2026-06-10', 600_000),
      med(id('underMin'), '2026-05-03', 400_000),
      ...baseline('notSpike', 300_000), med(id('notSpike'), '2026-05-20', 600_000),
      med(id('early'), '2026-03-15', 900_000),
      med(id('twoParts'), '2026-04-02', 300_000), med(id('twoParts'), '2026-04-28', 300_000),
      med(id('otherCity'), '2026-05-05', 700_000),
      med(id('reversed'), '2026-05-05', 600_000), med(id('reversed'), '2026-05-06', -200_000),
      med(id('longAgo'), '2024-07-01', 900_000), med(id('longAgo'), '2024-06-30', 900_000),
      med(stranger, '2026-05-05', 700_000),
      med(id('small'), '2026-05-05', 80_000),
      med(id('spike'), '2026-06-20', 900_000), // after today: not counted
    ]);
    // Warnings in place, so that "already open" counts too.
    await runFullComparison(db(), { today: TODAY, countyCode: COUNTY, workers: 1, actor });
  });

  it('keeps every person-month of the last 24 at its floor or more', async () => {
    const build = await medicalMonthsLedger.build(db(), TODAY);
    const rows = await db().query<{ id_number: string; mon: string; amount: string }>(
      'select id_number, mon::text as mon, amount from medical_month_ledger where build_id = $1 order by id_number, mon', [build.id]);
    const of = (k: string) => rows.rows.filter((r) => r.id_number === id(k)).map((r) => [r.mon, Number(r.amount)]);
    expect(of('spike')).toEqual([['2025-11-01', 100_000], ['2025-12-01', 100_000], ['2026-01-01', 100_000], ['2026-02-01', 100_000], ['2026-03-01', 100_000], ['2026-04-01', 100_000], ['2026-05-01', 800_000]]);
    expect(of('twoParts')).toEqual([['2026-04-01', 600_000]]);
    expect(of('reversed')).toEqual([['2026-05-01', 400_000]]);
    expect(of('longAgo')).toEqual([['2024-07-01', 900_000]]);
    expect(build.rows).toBe(rows.rows.length);
  });

  it('counts as the live rule does, for every parameter, a city and ranges', async () => {
    await compareAll('as built');
    // spike, noBase, twoParts, otherCity and the stranger; notSpike at a factor of 2; early with four months.
    expect(await subjects()).toBe(5);
    expect(await subjects(CITY)).toBe(4);
    expect(await subjects(null, { factor: 2 })).toBe(6);
    expect(await subjects(null, { lookbackMonths: 4 })).toBe(6);
    expect(await subjects(null, { lookbackMonths: 24 })).toBe(7);
    expect(await subjects(null, { minAmountFen: 300_000 })).toBe(7);
  });

  it('stands aside for a minimum under its floor', async () => {
    const under = await compare('under the floor', null, { minAmountFen: 50_000 }, false);
    expect(under.ledger).toEqual({ name: 'medicalMonths', used: false, why: 'otherParams' });
    // small's 800 yuan, which the ledger does not keep, is counted (live).
    expect(under.proposed.subjects).toBe(await subjects(null, { minAmountFen: MEDICAL_MONTH_LEDGER_FLOOR }) + 1);
  });

  describe('changes after the build', () => {
    it('new settlements', async () => {
      await w.feed('medical_settlement', [med(id('underMin'), '2026-05-25', 200_000), med(w.idNumber('1970-10-10'), '2026-06-02', 500_000)]);
      expect((await compare('new settlements', null, {})).ledger).toMatchObject({ name: 'medicalMonths', used: true, changed: 2, unit: 'people' });
      expect(await subjects()).toBe(7);
      await compareAll('new settlements');
    });

    it('a warning of the rule closed (its evidence no longer counts)', async () => {
      await closeWarningOf(db(), RULE, id('spike'));
      const logged = await db().query<{ id_number: string; reason: string }>('select id_number, reason from medical_month_ledger_changes');
      expect(logged.rows).toEqual([{ id_number: id('spike'), reason: 'evidence_closed' }]);
      await compareAll('closed');
      expect(await subjects()).toBe(6);
    });

    it('a rebuild takes the changes in and starts the log afresh', async () => {
      const before = await subjects(null, { factor: 2 });
      await db().query(`insert into medical_month_ledger_builds (as_of, feed_watermarks, changes_watermark) values ($1, '{}', 0)`, [TODAY]);
      const build = await medicalMonthsLedger.build(db(), TODAY);
      expect((await db().query('select id from medical_month_ledger_builds')).rows.map((r: any) => Number(r.id))).toEqual([build.id]);
      expect((await db().query('select * from medical_month_ledger_changes')).rows).toEqual([]);
      expect(await medicalMonthsLedger.serving(db(), { minAmountFen: 500_000, lookbackMonths: 3 }, TODAY)).toMatchObject({ build: { id: build.id }, changed: { idNumbers: [] } });
      expect(await subjects(null, { factor: 2 })).toBe(before);
      await compareAll('rebuilt');
    });
  });

  it('stands aside on another day', async () => {
    const otherDay = await previewRule(db(), PROVINCE_ACCOUNT, RULE, { params: {} }, '2026-06-16');
    expect(otherDay.ledger).toEqual({ name: 'medicalMonths', used: false, why: 'otherDay' });
    expect(await ledgerOutOfDate(db(), medicalMonthsLedger, TODAY)).toBeNull();
    expect(await ledgerOutOfDate(db(), medicalMonthsLedger, '2026-06-16')).toBe('otherDay');
  });
});
