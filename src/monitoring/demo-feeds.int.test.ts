// The demo's department data: loaded for the demo people and counted as an import counts them, so that the
// data-quality page shows the demo's shares matched (they read 0 % when only the rows were counted).
import { expect, it } from 'vitest';
import { describeOnEngines } from '../../test/engines';
import { RegionTree } from '../registry/regions';
import { loadDemoPopulation } from '../registry/demo-loader';
import { feedQuality } from '../feeds/import/data-quality';
import { loadDemoFeeds } from './demo-feeds';

const TODAY = '2026-11-23';

describeOnEngines('demo feeds', ({ db }) => {
  it('records each feed as a completed import with its rows matched to the registry, strangers unmatched', async () => {
    await loadDemoPopulation(db(), RegionTree.loadJiangxi(), { people: 600, seed: 1, today: TODAY });
    const loaded = await loadDemoFeeds(db(), TODAY, 600);
    expect(loaded).toBeGreaterThan(0);
    const runs = (await db().query<{ feed: string; accepted: number; matched: number; unmatched: number; stored: number; stored_matched: number }>(
      `select i.feed, i.rows_accepted as accepted, i.rows_matched as matched, i.rows_unmatched as unmatched,
         (select count(*)::int from feed_medical_settlement m where m.import_id = i.id) as stored,
         (select count(person_id)::int from feed_medical_settlement m where m.import_id = i.id) as stored_matched
       from feed_imports i order by i.id`)).rows;
    expect(runs).toHaveLength(13);
    for (const run of runs) expect(run.matched + run.unmatched, run.feed).toBe(run.accepted);
    expect(runs.some((r) => r.unmatched > 0), 'the demo has records of people not in the registry').toBe(true);
    const medical = runs.find((r) => r.feed === 'medical_settlement')!;
    expect(medical).toMatchObject({ accepted: medical.stored, matched: medical.stored_matched });
    expect(medical.matched).toBeGreaterThan(0);
    const quality = await feedQuality(db(), new Date(`${TODAY}T12:00:00Z`));
    const share = quality.find((q) => q.feed === 'medical_settlement')!.matchedShare!;
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThanOrEqual(1);
  });
});
