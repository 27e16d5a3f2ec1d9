// PGlite gives no error when two processes open one data folder, and the data then diverge; this lock
// file makes the second process stop with a clear message instead. A lock left by a dead process is taken over.
import fs from 'node:fs';
import path from 'node:path';

export class FolderLockedError extends Error {}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockFolder(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'safetynet.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(fs.readFileSync(file, 'utf8'));
      if (holder && holder !== process.pid && processAlive(holder)) {
        throw new FolderLockedError(
          `数据库目录 ${dir} 正被进程 ${holder} 使用 / database folder ${dir} is in use by process ${holder}`,
        );
      }
      fs.unlinkSync(file); // stale lock of a dead process
    }
  }
  throw new FolderLockedError(`cannot lock ${dir}`);
}
