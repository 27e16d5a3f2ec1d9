import { describe, expect, it } from 'vitest';
import type { HouseholdFacts } from '../../../../src/benefits/store/subjects';
import { factsFromRequest } from '../../../../src/benefits/store/facts';
import { assessmentRequest, formFromFacts } from './assessment-form';

const stored: HouseholdFacts = {
  incomes: [
    { memberId: '11', kind: 'wages', monthlyFen: 60000 },
    { memberId: '12', kind: 'businessNet', annualFen: 240000, note: '种植' },
    { kind: 'supportPayment', monthlyFen: 5000 },
  ],
  expenses: [{ memberId: '12', kind: 'rehabilitation', monthlyFen: 3000 }],
  assets: [{ kind: 'deposit', valueFen: 500000 }, { ownerId: '11', kind: 'vehicle', valueFen: 300000, vehicleKind: 'motorcycle' }],
  rigidExpenses12m: [{ kind: 'medical', amountFen: 1200000 }],
  members: { '13': { exclusion: 'imprisoned' }, '14': { supporters: [], unmetSelfCareActivities: ['bathing', 'dressing'], livesTogether: false } },
  incomeVaries: true,
};

describe('assessment form', () => {
  it('fills the form from stored facts in yuan, per member', () => {
    const form = formFromFacts(stored, [11, 12, 13, 14], '2026-06-15');
    expect(form.incomes).toEqual([
      { personId: 11, kind: 'wages', period: 'monthly', amount: '600' },
      { personId: 12, kind: 'businessNet', period: 'annual', amount: '2400', note: '种植' },
      { personId: null, kind: 'supportPayment', period: 'monthly', amount: '50' },
    ]);
    expect(form.assets[1]).toEqual({ personId: 11, kind: 'vehicle', value: '3000', vehicleKind: 'motorcycle' });
    expect(form.members.map((m) => [m.personId, m.exclusion, m.noSupporters])).toEqual([[11, null, false], [12, null, false], [13, 'imprisoned', false], [14, null, true]]);
    expect(form.incomeVaries).toBe(true);
  });

  it('sends back exactly the stored facts when nothing was changed', () => {
    const form = formFromFacts(stored, [11, 12, 13, 14], '2026-06-15');
    const out = assessmentRequest(form, stored);
    if (!('body' in out)) throw new Error('expected a body');
    expect(out.body.date).toBe('2026-06-15');
    expect(out.body.save).toBeUndefined();
    // What the server would store from this request is what is stored now.
    const { facts, errors } = factsFromRequest(out.body as never, new Set([11, 12, 13, 14]));
    expect(errors).toEqual([]);
    expect(facts).toEqual(stored);
  });

  it('applies the edits: a new income, a member no longer excluded, no supporters, saving', () => {
    const form = formFromFacts(stored, [11, 12, 13, 14], '2026-06-15');
    form.incomes.push({ personId: 13, kind: 'scholarship', period: 'annual', amount: '1000' });
    form.members[2].exclusion = null;
    form.members[0].noSupporters = true;
    form.members[3].unmetSelfCareActivities = [];
    form.save = true;
    const out = assessmentRequest(form, stored);
    if (!('body' in out)) throw new Error('expected a body');
    expect(out.body.incomes?.at(-1)).toEqual({ personId: 13, kind: 'scholarship', annualFen: 100000 });
    expect(out.body.members).toEqual([
      { personId: 11, supporters: [] },
      { personId: 14, supporters: [], livesTogether: false },
    ]);
    expect(out.body.save).toBe(true);
  });

  it('starts empty without stored facts and names an amount that is not yuan', () => {
    const form = formFromFacts(null, [1], '2026-06-15');
    expect(form).toMatchObject({ incomes: [], assets: [], members: [{ personId: 1, exclusion: null, noSupporters: false }] });
    form.incomes.push({ personId: 1, kind: 'wages', period: 'monthly', amount: '六百' });
    expect(assessmentRequest(form, null)).toEqual({ problems: [{ name: ['incomes', 0, 'amount'], key: 'benefits.policy.yuanInvalid' }] });
  });
});
