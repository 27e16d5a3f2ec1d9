import { describe, expect, it } from 'vitest';
import { Coalesced } from './events';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('Coalesced', () => {
  it('runs once for a lone caller', async () => {
    let runs = 0;
    const c = new Coalesced(async () => {
      runs++;
    });
    await c.run();
    expect(runs).toBe(1);
  });

  it('serves every caller that arrives during a run with one more run that starts after them', async () => {
    let runs = 0;
    let active = 0;
    let maxActive = 0;
    const seenAt: number[] = [];
    let written = 0;
    const c = new Coalesced(async () => {
      runs++;
      active++;
      maxActive = Math.max(maxActive, active);
      const sees = written; // what this run can see, as of its start
      await tick();
      seenAt.push(sees);
      active--;
    });
    const first = c.run();
    written = 1;
    const late = Array.from({ length: 10 }, () => c.run()); // all arrive while the first run is going
    written = 11;
    await Promise.all([first, ...late]);
    expect(runs).toBe(2); // not 11
    expect(maxActive).toBe(1);
    expect(seenAt.at(-1)).toBe(11); // the second run started after the late callers' writes
  });

  it('passes a failure to the callers of that run and keeps serving later ones', async () => {
    let fail = true;
    const c = new Coalesced(async () => {
      await tick();
      if (fail) throw new Error('boom');
    });
    const first = c.run();
    await expect(first).rejects.toThrow('boom');
    fail = false;
    await expect(c.run()).resolves.toBeUndefined();
  });
});
