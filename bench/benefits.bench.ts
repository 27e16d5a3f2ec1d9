// Benefits benchmark on PostgreSQL: the demo province (default 3,560,000 people) with the demo income model's
// facts for every household, then the policy simulation — "rural 低保 standard 800 yuan from next month" for
// the whole province (twice, with other standards: the basis cache is warm after the demo seed), the urban
// one, one county, and a later date — timed. Target: the province within a minute.
// Reference on the same data: the same province simulation with the 低保 basis cache emptied first, so
// that every household goes through the pure rules (the cold start the cache avoids).
// `npm run bench -- benefits [--people N] [--keep]` (--keep leaves the database sn_bench_benefits).
import { RegionTree } from '../src/registry/regions';
import { loadDemoPopulation } from '../src/registry/demo-loader';
import { seedDemoBenefits } from '../src/benefits/demo/seed-demo';
import { simulateStandard } from '../src/benefits/simulation/simulate';
import { systemCaller } from '../src/benefits/store/common';
import { arg, freshBenchDatabase, peakRssMiB } from './bench-db';

export async function benefitsBench(args: string[]) {
  const people = Number(arg(args, 'people', '3560000'));
  const keep = args.includes('--keep');
  const today = '2026-06-15';
  const bench = await freshBenchDatabase('sn_bench_benefits');
  const db = bench.db;
  try {
    let t = Date.now();
    const loaded = await loadDemoPopulation(db, RegionTree.loadJiangxi(), { people, seed: 1, today });
    console.log(`registry: ${loaded.persons.toLocaleString('en')} people in ${loaded.households.toLocaleString('en')} households (${((Date.now() - t) / 1000).toFixed(0)} s)`);
    t = Date.now();
    let shown = 0;
    const seeded = await seedDemoBenefits(db, {
      today, awards: false, pageSize: 10_000,
      onProgress: (n) => {
        if (n - shown >= 250_000) {
          shown = n;
          console.log(`  … facts for ${n.toLocaleString('en')} households`);
        }
      },
    });
    console.log(`demo income facts: ${seeded.facts.toLocaleString('en')} households in ${seeded.seconds.toFixed(0)} s`);
    await db.query('analyze');

    const scope = systemCaller('bench').scope;
    const county = (await db.query<{ c: string }>('select county_code as c from households group by county_code order by count(*) desc limit 1')).rows[0].c;
    const cases: [string, string, 'urban' | 'rural', number, string?][] = [
      ['province, rural 800', '360000000000', 'rural', 80000],
      ['province, rural 760', '360000000000', 'rural', 76000],
      ['province, urban 1000', '360000000000', 'urban', 100000],
      [`county ${county}, rural 760`, county, 'rural', 76000],
      ['province, rural 800 from 2027-01-01 (members coming of age recomputed)', '360000000000', 'rural', 80000, '2027-01-01'],
    ];
    let first: Awaited<ReturnType<typeof simulateStandard>> | undefined;
    for (const [label, regionCode, areaType, standardFen, effectiveFrom] of cases) {
      const r = await simulateStandard(db, scope, { regionCode, areaType, standardFen, effectiveFrom: effectiveFrom ?? '2026-07-01' });
      first ??= r;
      console.log(`simulation ${label}: ${r.households.toLocaleString('en')} households in ${r.seconds.toFixed(1)} s ` +
        `(${Math.round(r.households / r.seconds).toLocaleString('en')}/s, ${r.basisRecomputed.toLocaleString('en')} bases recomputed); eligible ${r.before.households.toLocaleString('en')} → ${r.after.households.toLocaleString('en')}, ` +
        `newly ${r.newlyEligible.households.toLocaleString('en')}, no longer ${r.noLongerEligible.households.toLocaleString('en')}, ` +
        `cost ${(r.before.amountFen / 100).toLocaleString('en')} → ${(r.after.amountFen / 100).toLocaleString('en')} yuan/month`);
    }
    await db.query('truncate benefit_dibao_basis');
    const cold = await simulateStandard(db, scope, { regionCode: '360000000000', areaType: 'rural', standardFen: 80000, effectiveFrom: '2026-07-01' });
    console.log(`reference (basis cache emptied, every household through the pure rules), province rural: ${cold.households.toLocaleString('en')} households in ${cold.seconds.toFixed(1)} s, ` +
      `${cold.basisRecomputed.toLocaleString('en')} recomputed; same result: ${cold.after.amountFen === first!.after.amountFen && cold.after.households === first!.after.households}`);
    console.log(`peak RSS ${peakRssMiB().toFixed(0)} MiB`);
  } finally {
    if (keep) {
      await db.close();
      console.log('kept database sn_bench_benefits');
    } else {
      await bench.drop();
    }
  }
}
