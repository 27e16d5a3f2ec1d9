// Reading the data-quality figures: how many days since a feed last arrived, and which figures deserve a
// colour. Pure, so that the thresholds are tested (quality.test.ts) and the same on every page.

/** A feed not received for longer than this many days is late (monthly feeds get two weeks' grace). */
export const LATE_AFTER_DAYS = 45;

export type Level = 'good' | 'warn' | 'bad' | 'none';

/** Whole days between an instant and now (0 = within the last 24 hours); null when it never happened. */
export function daysSince(iso: string | null, now: Date): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  return Math.max(0, Math.floor((now.getTime() - t) / 86_400_000));
}

/** Never arrived, or longer ago than the limit: bad; within the last three quarters of it: good. */
export function arrivalLevel(days: number | null, lateAfter = LATE_AFTER_DAYS): Level {
  if (days === null) return 'bad';
  if (days > lateAfter) return 'bad';
  if (days > Math.floor(lateAfter * 0.75)) return 'warn';
  return 'good';
}

/** Share of rows refused: up to 2 % is normal, up to 10 % worth a look, more is a problem. */
export function rejectionLevel(share: number | null): Level {
  if (share === null) return 'none';
  if (share <= 0.02) return 'good';
  if (share <= 0.1) return 'warn';
  return 'bad';
}

/** '12.5%' (one decimal below 10 %, none above), or null when there is nothing to divide. */
export function formatShare(share: number | null): string | null {
  if (share === null || !Number.isFinite(share)) return null;
  const pct = share * 100;
  if (pct === 0 || pct === 100) return `${pct}%`;
  return `${pct < 10 ? pct.toFixed(1) : Math.round(pct)}%`;
}

/** Bytes as people read them: 812 B, 12.4 KB, 3.1 MB, 1.2 GB. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}

/** A duration in milliseconds as seconds: '0.4', '12', or minutes past 2 minutes: { m: 3, s: 5 }; under a
 *  tenth of a second as milliseconds (a small file's run would read "0.0 s", as if nothing was timed). */
export function splitDuration(ms: number | null | undefined): { minutes: number; seconds: string; millis?: number } | null {
  if (ms === null || ms === undefined) return null;
  if (ms < 100) return { minutes: 0, seconds: '0', millis: Math.round(ms) };
  if (ms < 120_000) return { minutes: 0, seconds: ms < 10_000 ? (ms / 1000).toFixed(1) : String(Math.round(ms / 1000)) };
  return { minutes: Math.floor(ms / 60_000), seconds: String(Math.round((ms % 60_000) / 1000)) };
}
