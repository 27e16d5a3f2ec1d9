import { describe, expect, it } from 'vitest';
import { makeDecisionRecord } from './decision.js';

const decidedBy = { userId: 'u-county-07', name: '刘审核' };

describe('decision record', () => {
  it('starts payment the month after the decision', () => {
    const r = makeDecisionRecord({ amountFenPerMonth: 93_500, decidedOn: '2025-12-18', decidedBy, policyVersion: 'ganzhou-dibao-2025' });
    expect(r).toEqual({
      ok: true,
      value: { amountFenPerMonth: 93_500, decidedOn: '2025-12-18', decidedBy, policyVersion: 'ganzhou-dibao-2025', outcome: 'approved', startMonth: '2026-01' },
    });
  });

  it('needs a positive amount in fen, a date, who decided and the policy version', () => {
    const r = makeDecisionRecord({ amountFenPerMonth: 935.5, decidedOn: '2025-13-01', decidedBy: { userId: '', name: '' }, policyVersion: '' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.map((e) => e.field)).toEqual(['amountFenPerMonth', 'decidedOn', 'decidedBy', 'policyVersion']);
  });
});
