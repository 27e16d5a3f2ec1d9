import { describe, expect, it } from 'vitest';
import { InvalidApplicationError, splitApplication } from './split-application.js';
import { calendar, ID, params, validForm } from './test-fixtures.js';

const ctx = { applicationId: 'APP-2025-0001', receivedOn: '2025-01-24', params, calendar };

describe('splitApplication', () => {
  const items = splitApplication(validForm(), ctx);

  it('makes one item per ticked programme, routed to the body that decides it', () => {
    expect(items.map((i) => [i.id, i.department, i.reviewers])).toEqual([
      ['APP-2025-0001:dibao', 'civilAffairs', []],
      [`APP-2025-0001:medicalAssistance:${ID.head}`, 'medicalSecurity', []],
      [`APP-2025-0001:educationAssistance:${ID.student}`, 'education', []],
      ['APP-2025-0001:temporaryAssistance', 'civilAffairs', []],
      [`APP-2025-0001:disabilitySubsidies:${ID.grandfather}`, 'civilAffairs', ['disabledPersonsFederation']],
    ]);
    expect(items.every((i) => i.status === 'submitted' && !i.followOn && i.receivedOn === '2025-01-24')).toBe(true);
  });

  it("gives each item its own time limit from the day the form was received", () => {
    const due = Object.fromEntries(items.map((i) => [i.kind, [i.deadline.kind, i.deadline.due]]));
    expect(due).toEqual({
      // 1/26 and 2/8 are working weekend days: 1/26, 1/27, 2/5–2/8, 2/10–14, 2/17–21, 2/24–27 = 20
      dibao: ['dibaoProcedure', '2025-02-27'],
      medicalAssistance: ['partnerItemHandling', '2025-01-27'],
      educationAssistance: ['partnerItemHandling', '2025-01-27'],
      temporaryAssistance: ['emergencyAssistancePayment', '2025-02-05'],
      disabilitySubsidies: ['partnerItemHandling', '2025-01-27'],
    });
  });

  it('uses the full-procedure limit for expenditure-type temporary assistance', () => {
    const f = validForm();
    const [item] = splitApplication({ ...f, items: [{ kind: 'temporaryAssistance', temporaryAssistanceType: 'expenditure' }] }, ctx);
    expect(item).toMatchObject({ temporaryAssistanceType: 'expenditure', deadline: { kind: 'temporaryAssistanceProcedure' } });
  });

  it('never routes an invalid form', () => {
    expect(() => splitApplication({ ...validForm(), items: [] }, ctx)).toThrow(InvalidApplicationError);
    try {
      splitApplication({ ...validForm(), items: [] }, ctx);
    } catch (e) {
      expect((e as InvalidApplicationError).errors.map((x) => x.code)).toEqual(['required']);
    }
  });
});
