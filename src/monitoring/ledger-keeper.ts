// Keeps the household expense ledger current while the platform runs: shortly after start and then every
// few minutes it checks whether the ledger still serves today's previews (it no longer does after
// midnight, after the province edits the rule's window or income types, or once many households have
// changed) and builds it again if not. A build reads for about a minute at province scale without
// blocking writers (expense-ledger.ts); previews meanwhile compute live.
import type { Database } from '../platform/db';
import { keepLedgerCurrent } from './expense-ledger';

export interface LedgerKeeper {
  /** One check (and build if needed) now; resolves when done. Checks never overlap. */
  check(): Promise<void>;
  stop(): void;
}

export function startLedgerKeeper(db: Database, today: () => string, options: { everyMs?: number; firstAfterMs?: number; log?: (line: string) => void } = {}): LedgerKeeper {
  const log = options.log ?? ((line: string) => console.error(line));
  let running: Promise<void> | null = null;
  const check = () => {
    running ??= (async () => {
      try {
        const built = await keepLedgerCurrent(db, today());
        if (built) log(`household expense ledger built (${built.why}): ${built.build.households} households as of ${built.build.asOf} in ${(built.build.durationMs / 1000).toFixed(1)} s`);
      } catch (e) {
        log(`household expense ledger not built: ${(e as Error).message}`);
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const first = setTimeout(() => void check(), options.firstAfterMs ?? 5_000);
  const every = setInterval(() => void check(), options.everyMs ?? 10 * 60_000);
  first.unref();
  every.unref();
  return {
    check,
    stop: () => {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
