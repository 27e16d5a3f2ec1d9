// Builds the web workbench for the browser journeys when web/dist is missing or older than its sources.
// Called by every browser journey file before it starts (test/e2e/browser.ts); a lock folder makes
// parallel files and parallel test runs take turns, and the first finds the sources newer and builds.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB = path.join(ROOT, 'web');
export const DIST_INDEX = path.join(WEB, 'dist', 'index.html');

// Files whose change means the bundle is stale: the web sources and the server modules the bundle includes.
const BUNDLE_INPUTS = [path.join(WEB, 'src'), path.join(WEB, 'index.html'), path.join(WEB, 'vite.config.ts'), path.join(ROOT, 'src')];

function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return fs.readdirSync(p).reduce((max, name) => Math.max(max, newestMtime(path.join(p, name))), st.mtimeMs);
}

const LOCK = path.join(WEB, '.build-lock');

/** Builds under a lock folder (mkdir is atomic), so two test runs on one checkout never build at once. */
export function buildWebIfStale(): void {
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      const age = Date.now() - fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs!;
      if (age > 300_000) fs.rmSync(LOCK, { recursive: true, force: true }); // left by a killed run
      if (Date.now() > deadline) throw new Error(`another test run holds ${LOCK}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    buildIfStale();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

function buildIfStale(): void {
  const built = fs.existsSync(DIST_INDEX) ? fs.statSync(DIST_INDEX).mtimeMs : 0;
  const newest = Math.max(...BUNDLE_INPUTS.filter((p) => fs.existsSync(p)).map(newestMtime));
  if (built >= newest) return;
  console.log('[tests] building the web workbench (web/dist is missing or older than its sources)');
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: ROOT, stdio: 'inherit', timeout: 300_000,
    // vitest sets NODE_ENV=test, which would give a development bundle
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
