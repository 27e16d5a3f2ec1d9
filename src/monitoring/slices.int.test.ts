// The people of an import gathered two ways — set-based for big files (fillSliceWithIds), one look-up each
// for pushes (addIdsToSlice) — give the same slice: registry people with their household's routing and
// monitored flag, people outside the registry routed to the county of their ID's address code when it
// exists, else to the province's queue.
import { expect, it } from 'vitest';
import { describeOnEngines } from '../../test/engines';
import type { Tx } from '../platform/db';
import { addIdsToSlice, ensureWorkTables, fillSliceWithIds } from './evaluate';
import { World } from './test-support';

describeOnEngines('slices of an import', ({ db }) => {
  it('are the same gathered set-based or one by one', async () => {
    const world = new World(db());
    const monitored = await world.household([{ birthDate: '1970-01-01' }, { birthDate: '2010-05-05' }], { categories: ['dibao'] });
    const notMonitored = await world.household([{ birthDate: '1980-02-02' }], { categories: [] });
    const inJiangxi = world.idNumber('1990-03-03', '360732'); // 兴国县, not in the registry
    const elsewhere = world.idNumber('1991-04-04', '110101'); // Beijing: the province's queue
    const ids = [...monitored.persons, ...notMonitored.persons].map((p) => p.idNumber).concat(inJiangxi, elsewhere);
    // Each ID number twice, as a file naming a person in several rows.
    const idsSql = 'select t.x as id_number from unnest($1::text[]) as t(x) cross join generate_series(1, 2)';
    const slice = (fill: (tx: Tx) => Promise<number>) => db().transaction(async (tx) => {
      await ensureWorkTables(tx);
      const n = await fill(tx);
      const rows = (await tx.query<Record<string, unknown>>('select * from mon_slice order by id_number')).rows;
      await tx.query('truncate mon_slice');
      return { n, rows };
    });
    const setBased = await slice((tx) => fillSliceWithIds(tx, idsSql, [ids], '360000000000'));
    const oneByOne = await slice((tx) => addIdsToSlice(tx, idsSql, [ids], '360000000000'));
    expect(setBased.n).toBe(5);
    expect(setBased.rows).toEqual(oneByOne.rows);
    const byId = new Map(setBased.rows.map((r) => [r.id_number as string, r]));
    expect(byId.get(monitored.persons[1].idNumber)).toMatchObject({ household_id: monitored.householdId, monitored: true, region_code: monitored.townshipCode, county_code: '360731000000' });
    expect(byId.get(notMonitored.persons[0].idNumber)).toMatchObject({ monitored: false, region_code: notMonitored.townshipCode });
    expect(byId.get(inJiangxi)).toMatchObject({ person_id: null, monitored: false, region_code: '360732000000', county_code: '360732000000', township_code: null });
    expect(byId.get(elsewhere)).toMatchObject({ person_id: null, region_code: '360000000000', county_code: null });
  });
});
