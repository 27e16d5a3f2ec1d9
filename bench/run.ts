// `npm run bench -- <name> [options]`: runs one benchmark (or all with no name) and prints its figures.
// Benchmarks measure; they never fail a build on timing. Each prints a reference run on the same data.
import { registryBench } from './registry.bench';
import { feedsBench } from './feeds.bench';
import { compareBench } from './compare.bench';
import { benefitsBench } from './benefits.bench';

const BENCHES: Record<string, (args: string[]) => Promise<void>> = {
  registry: registryBench,
  feeds: feedsBench,
  compare: compareBench,
  benefits: benefitsBench,
};

const [name, ...args] = process.argv.slice(2);
const chosen = name ? { [name]: BENCHES[name] } : BENCHES;
if (name && !BENCHES[name]) {
  console.error(`unknown benchmark ${name}; known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
for (const [benchName, run] of Object.entries(chosen)) {
  console.log(`\n=== bench ${benchName} ===`);
  await run(args);
}
process.exit(0);
