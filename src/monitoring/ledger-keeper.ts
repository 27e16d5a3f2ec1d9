// Keeps the preview ledgers current while the platform runs: shortly after start and then every few
// minutes it checks whether each ledger still serves today's previews (it no longer does after midnight,
// after the province edits the parameters its figures depend on, or once much has changed) and builds it
// again if not. A build reads for about a minute at province scale without blocking writers
// (ledger-builds.ts); previews meanwhile compute live.
import type { Database } from '../platform/db';
import { keepLedgerCurrent, PREVIEW_LEDGERS } from './preview-ledgers';

export interface LedgerKeeper {
  /** One check of every ledger (and builds where needed) now; resolves when done. Checks never overlap. */
  check(): Promise<void>;
  stop(): void;
}

export function startLedgerKeeper(db: Database, today: () => string, options: { everyMs?: number; firstAfterMs?: number; log?: (line: string) => void } = {}): LedgerKeeper {
  const log = options.log ?? ((line: string) => console.error(line));
  let running: Promise<void> | null = null;
  const check = () => {
    running ??= (async () => {
      try {
        // One after the other: each build wants both cores' worth of reading for a minute.
        for (const ledger of PREVIEW_LEDGERS) {
          try {
            const built = await keepLedgerCurrent(db, ledger, today());
            if (built) log(`${ledger.label} built (${built.why}): ${built.build.rows} rows as of ${built.build.asOf} in ${(built.build.durationMs / 1000).toFixed(1)} s`);
          } catch (e) {
            log(`${ledger.label} not built: ${(e as Error).message}`);
          }
        }
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
