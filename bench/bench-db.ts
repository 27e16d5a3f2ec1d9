// A fresh PostgreSQL database for one benchmark run, migrated, with reference data; dropped afterwards.
import { scratchPostgres, type ScratchPostgres } from '../test/scratch-postgres';

export const BENCH_PG_URL = process.env.SAFETYNET_BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';

export function freshBenchDatabase(name: string): Promise<ScratchPostgres> {
  return scratchPostgres(BENCH_PG_URL, name);
}

/** Peak resident memory of this process so far, in MiB (Linux reports maxRSS in KiB). */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function arg(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}
