// The personal medical ledger on both engines: a preview of MEDICAL_SELF_PAID_12M counted from the ledger
// must equal the same preview computed live (counts, counties, sample) — right after the build, in ranges
// of ID numbers, and after each kind of change the ledger does not hold (new settlements, a warning
// closed) — and the ledger must stand aside on another day or with another window.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeOnEngines } from '../../test/engines';
import { runFullComparison } from './comparison-runs';
import { medicalSelfPaidLedger } from './medical-ledger';
import { ledgerOutOfDate } from './preview-ledgers';
import { CITY, closeWarningOf, compareCases, compareWithLive, OTHER_CITY_COUNTY, type PreviewCase, PROVINCE_ACCOUNT } from './ledger-test-support';
import { previewRule } from './preview';
import { COUNTY, TODAY, World, type Made } from './test-support';

const actor = { userId: null, name: 'test' };
const RULE = 'MEDICAL_SELF_PAID_12M';

describeOnEngines('personal medical ledger', ({ db }) => {
  let w: World;
  const h: Record<string, Made> = {};
  let n = 0;
  const med = (idNumber: string, settledOn: string, selfPaid: number) =>
    ({ id_number: idNumber, settlement_no: `M-${++n}`, settled_on: settledOn, total_cost: selfPaid * 2, self_paid: selfPaid });
  const one = (options: { categories?: string[]; county?: string } = {}) => w.household([{ birthDate: '1970-03-03' }], options);
  const id = (k: string) => h[k].persons[0].idNumber;
  // Outside the registry: routed to the county of the ID's address code (COUNTY's, another city's).
  const stranger = w0(() => w.idNumber('1980-08-08'));
  const strangerElsewhere = w0(() => w.idNumber('1981-08-08', OTHER_CITY_COUNTY.slice(0, 6)));

  const compare = (what: string, regionCode: string | null, params: Record<string, unknown>, expectLedger: boolean | null = true) =>
    compareWithLive(db(), RULE, what, regionCode, params, expectLedger);
  const CASES: PreviewCase[] = [
    [null, {}], [null, { thresholdFen: 800_000 }], [CITY, {}], [CITY, { thresholdFen: 800_000 }], [COUNTY, {}],
    [null, { thresholdFen: 0 }],
  ];
  // Split in ranges of ID numbers, as the bench's province is (the split point falls between people).
  const compareAll = (what: string) => compareCases(db(), RULE, what, CASES, { split: stranger().slice(0, 10), params: { thresholdFen: 800_000 } });
  const subjects = async (regionCode: string | null = null, params: Record<string, unknown> = {}) =>
    (await previewRule(db(), PROVINCE_ACCOUNT, RULE, { regionCode, params }, TODAY, { sampleSize: 50 })).proposed;

  beforeAll(async () => {
    w = new World(db());
    h.over = await one();
    h.under = await one();
    h.twoParts = await one();
    h.otherCity = await one({ county: OTHER_CITY_COUNTY });
    h.notMonitored = await one({ categories: [] });
    h.reversed = await one();
    h.old = await one();
    await w.feed('medical_settlement', [
      med(id('over'), '2026-02-01', 2_500_000),
      med(id('under'), '2026-02-01', 900_000),
      med(id('twoParts'), '2025-07-01', 1_200_000),
      med(id('twoParts'), '2026-05-01', 900_000),
      med(id('otherCity'), '2026-01-05', 2_000_000),
      med(id('notMonitored'), '2026-01-05', 2_100_000),
      med(id('reversed'), '2026-01-05', 2_400_000),
      med(id('reversed'), '2026-01-06', -1_000_000), // a reversal counts negative
      med(id('old'), '2025-06-15', 5_000_000), // 12 months ago: outside the window
      med(stranger(), '2026-03-03', 3_000_000),
      med(strangerElsewhere(), '2026-03-03', 1_000_000),
    ]);
    // Warnings in place, so that "already open" counts too.
    await runFullComparison(db(), { today: TODAY, countyCode: COUNTY, workers: 1, actor });
  });

  it('builds one row of every person with settlements in the window, registry or not', async () => {
    expect(await medicalSelfPaidLedger.latest(db())).toBeNull();
    expect((await db().query('select * from medical_ledger_changes')).rows).toEqual([]);
    const build = await medicalSelfPaidLedger.build(db(), TODAY);
    expect(build).toMatchObject({ asOf: TODAY, params: { window_months: 12 }, rows: 8 });
    const rows = await db().query<{ id_number: string; self_paid: string }>('select id_number, self_paid from medical_ledger where build_id = $1', [build.id]);
    const of = (idNumber: string) => Number(rows.rows.find((r) => r.id_number === idNumber)?.self_paid);
    expect([of(id('over')), of(id('twoParts')), of(id('reversed')), of(stranger())]).toEqual([2_500_000, 2_100_000, 1_400_000, 3_000_000]);
    expect(rows.rows.some((r) => r.id_number === id('old'))).toBe(false);
  });

  it('counts as the live rule does, for the province, a city, ranges and moved thresholds', async () => {
    await compareAll('as built');
    // over, twoParts, otherCity, notMonitored and the stranger reach 20,000 yuan; all but otherCity in the city.
    expect((await subjects()).subjects).toBe(5);
    expect((await subjects(CITY)).subjects).toBe(4);
    const discovery = await subjects(null, { thresholdFen: 800_000 });
    expect(discovery.subjects).toBe(8);
    expect([discovery.monitored, discovery.discovery]).toEqual([5, 3]);
    expect((await subjects(CITY, { thresholdFen: 800_000 })).subjects).toBe(6);
  });

  describe('changes after the build', () => {
    it('new settlements, of people in the ledger and of people not in it', async () => {
      await w.feed('medical_settlement', [med(id('under'), '2026-05-01', 1_200_000), med(w.idNumber('1985-05-05'), '2026-06-01', 2_200_000)]);
      expect((await compare('new settlements', null, {})).ledger).toMatchObject({ name: 'medicalSelfPaid', used: true, changed: 2, unit: 'people' });
      expect((await subjects()).subjects).toBe(7);
      await compareAll('new settlements');
    });

    it('a warning of the rule closed (its evidence no longer counts)', async () => {
      await closeWarningOf(db(), RULE, id('over'));
      const logged = await db().query<{ id_number: string; reason: string }>('select id_number, reason from medical_ledger_changes');
      expect(logged.rows).toEqual([{ id_number: id('over'), reason: 'evidence_closed' }]);
      await compareAll('closed');
      // over's settlement was the closed warning's evidence: it no longer reaches the threshold.
      expect((await subjects()).subjects).toBe(6);
    });

    it('a rebuild takes the changes in and starts the log afresh', async () => {
      const before = await subjects(null, { thresholdFen: 800_000 });
      // A build that crashed after noting its watermarks is cleared away by the next one.
      await db().query(`insert into medical_ledger_builds (as_of, window_months, feed_watermarks, changes_watermark) values ($1, 12, '{}', 0)`, [TODAY]);
      const build = await medicalSelfPaidLedger.build(db(), TODAY);
      expect((await db().query('select id from medical_ledger_builds')).rows.map((r: any) => Number(r.id))).toEqual([build.id]);
      expect((await db().query('select * from medical_ledger_changes')).rows).toEqual([]);
      expect(await medicalSelfPaidLedger.serving(db(), { windowMonths: 12 }, TODAY)).toMatchObject({ build: { id: build.id }, changed: { idNumbers: [] } });
      expect(await subjects(null, { thresholdFen: 800_000 })).toEqual(before);
      await compareAll('rebuilt');
    });
  });

  it('stands aside on another day or with another window', async () => {
    const otherDay = await previewRule(db(), PROVINCE_ACCOUNT, RULE, { params: {} }, '2026-06-16');
    expect(otherDay.ledger).toEqual({ name: 'medicalSelfPaid', used: false, why: 'otherDay' });
    expect((await compare('window', null, { windowMonths: 6 }, false)).ledger).toEqual({ name: 'medicalSelfPaid', used: false, why: 'otherParams' });
    expect(await ledgerOutOfDate(db(), medicalSelfPaidLedger, TODAY)).toBeNull();
    expect(await ledgerOutOfDate(db(), medicalSelfPaidLedger, '2026-06-16')).toBe('otherDay');
  });
});

/** A value made once the world exists (ID numbers need it), then the same at every call. */
function w0<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
}
