// The personal contribution ledger on both engines: a preview of RECOVERY_EMPLOYMENT counted from the
// ledger's bits must equal the same preview computed live (counts, counties, sample) for runs at, under and
// over each parameter (run length, look-back up to the longest window, insurance types, categories) and
// after each kind of change the ledger does not hold (new contributions, a warning closed, a household's
// categories, a person moving), and stand aside on another day.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeOnEngines } from '../../test/engines';
import { runFullComparison } from './comparison-runs';
import { contributionMonthsLedger, LEDGER_MONTHS, runCondition } from './contribution-ledger';
import { CITY, closeWarningOf, compareCases, compareWithLive, OTHER_CITY_COUNTY, type PreviewCase, PROVINCE_ACCOUNT } from './ledger-test-support';
import { ledgerOutOfDate } from './preview-ledgers';
import { previewRule } from './preview';
import { COUNTY, TODAY, World, type Made } from './test-support';

const actor = { userId: null, name: 'test' };
const RULE = 'RECOVERY_EMPLOYMENT';

/** 'YYYY-MM' of the month n months before TODAY's (2026-06). */
const monthsBack = (n: number) => {
  const i = 2026 * 12 + 5 - n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
};
/** The months from `from` months back to `to` months back (to ≤ from). */
const span = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, k) => monthsBack(from - k));

describeOnEngines('personal contribution ledger', ({ db }) => {
  let w: World;
  const h: Record<string, Made> = {};
  const id = (k: string) => h[k].persons[0].idNumber;
  const paid = (k: string, months: string[], type = 'employee_pension') =>
    months.map((period) => ({ id_number: id(k), period, insurance_type: type, base_wage: 400_000 }));

  const compare = (what: string, regionCode: string | null, params: Record<string, unknown>, expectLedger: boolean | null = true) =>
    compareWithLive(db(), RULE, what, regionCode, params, expectLedger);
  const CASES: PreviewCase[] = [
    [null, {}], [null, { consecutiveMonths: 5 }], [null, { consecutiveMonths: 7 }], [null, { lookbackMonths: 6 }], [null, { lookbackMonths: 4 }], [null, { lookbackMonths: 1 }],
    [null, { insuranceTypes: ['employee_pension', 'public_pension'] }], [null, { insuranceTypes: ['public_pension'] }], [null, { categories: ['dibao', 'tekun', 'nearPoor'] }],
    [null, { consecutiveMonths: 36, lookbackMonths: 24 }], [null, { consecutiveMonths: 2, lookbackMonths: 24 }],
    [CITY, {}], [CITY, { lookbackMonths: 6 }], [COUNTY, {}],
  ];
  const compareAll = (what: string) => compareCases(db(), RULE, what, CASES, { split: id('five').slice(0, 12), params: { lookbackMonths: 6 } });
  const subjects = async (regionCode: string | null = null, params: Record<string, unknown> = {}) =>
    (await previewRule(db(), PROVINCE_ACCOUNT, RULE, { regionCode, params }, TODAY, { sampleSize: 50 })).proposed.subjects;

  beforeAll(async () => {
    w = new World(db());
    const one = (birthDate: string, options: { categories?: string[]; county?: string } = {}) => w.household([{ birthDate }], options);
    h.six = await one('1970-01-01');
    h.five = await one('1971-01-01');
    h.gap = await one('1972-01-01');
    h.ended = await one('1973-01-01'); // six months ending four months ago
    h.justOut = await one('1973-06-01'); // six months ending three months ago: just outside the look-back
    h.nearPoor = await one('1974-01-01', { categories: ['nearPoor'] });
    h.twoTypes = await one('1975-01-01'); // employee and public pension in turn
    h.otherCity = await one('1976-01-01', { county: OTHER_CITY_COUNTY });
    h.long = await one('1977-01-01', { categories: ['tekun'] }); // 36 months, and a contribution 59 and 60 months ago
    h.sameMonth = await one('1978-01-01'); // two types in the same months count once
    h.notMonitored = await one('1979-01-01', { categories: [] });
    h.future = await one('1980-01-01'); // a period after this month does not count
    await w.feed('social_insurance_contribution', [
      ...paid('six', span(5, 0)),
      ...paid('five', span(5, 1)),
      ...paid('gap', [...span(7, 5), ...span(3, 0)]),
      ...paid('ended', span(9, 4)),
      ...paid('justOut', span(8, 3)),
      ...paid('nearPoor', span(5, 0)),
      ...paid('twoTypes', span(5, 0).filter((_, i) => i % 2 === 0)),
      ...paid('twoTypes', span(5, 0).filter((_, i) => i % 2 === 1), 'public_pension'),
      ...paid('otherCity', span(6, 1)),
      ...paid('long', [monthsBack(60), monthsBack(58), ...span(35, 0)]),
      ...paid('sameMonth', span(6, 1)),
      ...paid('sameMonth', span(6, 1), 'employee_medical'),
      ...paid('notMonitored', span(5, 0)),
      ...paid('future', [...span(4, 0), '2026-07']),
    ]);
    // Warnings in place, so that "already open" counts too.
    await runFullComparison(db(), { today: TODAY, countyCode: COUNTY, workers: 1, actor });
  });

  it('finds runs in bits as the rule ranks months', () => {
    const bits = (months: number[]) => months.reduce((m, i) => m | (1n << BigInt(i)), 0n);
    const fires = (months: number[], run: number, lookback: number) => {
      // The SQL condition, evaluated here on BigInt: the same shifts and masks.
      const sql = runCondition('$m', run, lookback);
      const js = sql.replace(/\(1::bigint << (\d+)\)/g, '(1n << $1n)').replace(/>> (\d+)/g, '>> $1n').replace(/\$m/g, `${bits(months)}n`).replace(/ - 1\)/g, ' - 1n)').replace(' <> 0', ' !== 0n');
      return Function(`return ${js}`)() as boolean;
    };
    expect(fires([0, 1, 2, 3, 4, 5], 6, 3)).toBe(true);
    expect(fires([3, 4, 5, 6, 7, 8], 6, 3)).toBe(false); // ends 3 months ago, outside a look-back of 3
    expect(fires([3, 4, 5, 6, 7, 8], 6, 4)).toBe(true);
    expect(fires([0, 1, 2, 4, 5, 6], 6, 3)).toBe(false);
    expect(fires([0, 1, 2, 4, 5, 6, 7, 8, 9], 6, 5)).toBe(true); // ends 4 months ago
    expect(fires([0, 1, 2, 4, 5, 6, 7, 8, 9], 6, 4)).toBe(false);
    // The window of a look-back of 3 and runs of 6 is 8 months (0–7): a run may end 2 months ago.
    expect(fires([2, 3, 4, 5, 6, 7], 6, 3)).toBe(true);
    expect(fires(Array.from({ length: LEDGER_MONTHS }, (_, i) => i), 36, 24)).toBe(true);
  });

  it('builds the months of every person and type within its window', async () => {
    const build = await contributionMonthsLedger.build(db(), TODAY);
    expect(build).toMatchObject({ asOf: TODAY, rows: 14 });
    const months = async (k: string, type = 'employee_pension') => BigInt((await db().query<{ months: string }>(
      'select months::text from contribution_ledger where build_id = $1 and id_number = $2 and insurance_type = $3', [build.id, id(k), type])).rows[0].months);
    expect(await months('six')).toBe(0b111111n);
    expect(await months('five')).toBe(0b111110n);
    // 36 months and the one 58 months ago; 60 months ago is outside the 59 the ledger holds.
    expect(await months('long')).toBe((1n << 36n) - 1n + (1n << 58n));
    expect(await months('future')).toBe(0b11111n);
  });

  it('counts as the live rule does, for every parameter, a city and ranges', async () => {
    await compareAll('as built');
    // six, long, and sameMonth and otherCity (ending a month ago); otherCity is not in the city. Runs of
    // 5: five and future too. Both pension types: twoTypes too.
    expect(await subjects()).toBe(4);
    expect(await subjects(CITY)).toBe(3);
    expect(await subjects(null, { consecutiveMonths: 5 })).toBe(6);
    expect(await subjects(null, { insuranceTypes: ['employee_pension', 'public_pension'] })).toBe(5);
    expect(await subjects(null, { consecutiveMonths: 36, lookbackMonths: 24 })).toBe(1);
    expect(await subjects(null, { lookbackMonths: 4 })).toBe(5);
  });

  describe('changes after the build', () => {
    it('new contributions', async () => {
      await w.feed('social_insurance_contribution', paid('five', [monthsBack(0)]));
      expect((await compare('new contributions', null, {})).ledger).toMatchObject({ name: 'contributionMonths', used: true, changed: 1, unit: 'people' });
      expect(await subjects()).toBe(5);
      await compareAll('new contributions');
    });

    it('a warning of the rule closed (its evidence no longer counts)', async () => {
      await closeWarningOf(db(), RULE, id('six'));
      const logged = await db().query<{ id_number: string; reason: string }>('select id_number, reason from contribution_ledger_changes');
      expect(logged.rows).toEqual([{ id_number: id('six'), reason: 'evidence_closed' }]);
      await compareAll('closed');
      expect(await subjects()).toBe(4);
    });

    it('categories and households are read live', async () => {
      await db().query(`update household_categories set to_date = '2026-06-01' where household_id = $1`, [h.sameMonth.householdId]);
      await db().query(`insert into household_categories (household_id, category, from_date) values ($1, 'dibao', '2026-06-01')`, [h.nearPoor.householdId]);
      await db().query('update persons set household_id = $1 where id = $2', [h.six.householdId, h.otherCity.persons[0].id]);
      await compareAll('categories and households');
    });

    it('a rebuild takes the changes in and starts the log afresh', async () => {
      const before = await subjects(null, { lookbackMonths: 6 });
      await db().query(`insert into contribution_ledger_builds (as_of, feed_watermarks, changes_watermark) values ($1, '{}', 0)`, [TODAY]);
      const build = await contributionMonthsLedger.build(db(), TODAY);
      expect((await db().query('select id from contribution_ledger_builds')).rows.map((r: any) => Number(r.id))).toEqual([build.id]);
      expect((await db().query('select * from contribution_ledger_changes')).rows).toEqual([]);
      expect(await contributionMonthsLedger.serving(db(), { consecutiveMonths: 6, lookbackMonths: 3 }, TODAY)).toMatchObject({ build: { id: build.id }, changed: { idNumbers: [] } });
      expect(await subjects(null, { lookbackMonths: 6 })).toBe(before);
      await compareAll('rebuilt');
    });
  });

  it('stands aside on another day', async () => {
    const otherDay = await previewRule(db(), PROVINCE_ACCOUNT, RULE, { params: {} }, '2026-06-16');
    expect(otherDay.ledger).toEqual({ name: 'contributionMonths', used: false, why: 'otherDay' });
    expect(await ledgerOutOfDate(db(), contributionMonthsLedger, TODAY)).toBeNull();
    expect(await ledgerOutOfDate(db(), contributionMonthsLedger, '2026-06-16')).toBe('otherDay');
  });
});
