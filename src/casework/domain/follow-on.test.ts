import { describe, expect, it } from 'vitest';
import type { ApplicationItem } from './application-item.js';
import { followOnItems } from './follow-on.js';
import { splitApplication } from './split-application.js';
import { calendar, ID, params, validForm } from './test-fixtures.js';

const form = validForm();
const items = splitApplication(form, { applicationId: 'APP-9', receivedOn: '2025-01-24', params, calendar });
const dibao = { ...items.find((i) => i.kind === 'dibao')!, status: 'approved' as const };
const ctx = { decidedOn: '2025-02-20', members: form.members, existing: items, params, calendar };

describe('follow-on items after approval', () => {
  it('starts fee waivers, medical and education assistance and disability subsidies for a 低保 household', () => {
    const out = followOnItems(dibao, ctx);
    expect(out.map((i) => [i.kind, i.memberIdNumber ?? 'household', i.department])).toEqual([
      ['electricityWaiver', 'household', 'powerSupply'],
      ['waterWaiver', 'household', 'waterSupply'],
      // the head's medical assistance was ticked on the form already
      ['medicalAssistance', ID.spouse, 'medicalSecurity'],
      ['medicalAssistance', ID.pupil, 'medicalSecurity'],
      ['medicalAssistance', ID.student, 'medicalSecurity'],
      ['medicalAssistance', ID.grandfather, 'medicalSecurity'],
      // the student's education assistance was ticked already; the junior-high pupil's follows
      ['educationAssistance', ID.pupil, 'education'],
    ]);
  });

  it('marks each item as follow-on with its source and a clock from the decision date', () => {
    for (const i of followOnItems(dibao, ctx)) {
      expect(i).toMatchObject({ followOn: true, sourceItemId: 'APP-9:dibao', status: 'submitted', receivedOn: '2025-02-20', applicationId: 'APP-9' });
      expect(i.deadline).toMatchObject({ kind: 'partnerItemHandling', start: '2025-02-20', due: '2025-02-24' });
    }
  });

  it('starts a disability subsidy for a disabled member who did not ask for it', () => {
    const existing = items.filter((i) => i.kind !== 'disabilitySubsidies');
    expect(followOnItems(dibao, { ...ctx, existing }).filter((i) => i.kind === 'disabilitySubsidies').map((i) => i.memberIdNumber)).toEqual([ID.grandfather]);
  });

  it('starts again an item that was refused or withdrawn before', () => {
    const existing = items.map((i): ApplicationItem => (i.kind === 'medicalAssistance' ? { ...i, status: 'withdrawn' } : i));
    expect(followOnItems(dibao, { ...ctx, existing }).filter((i) => i.kind === 'medicalAssistance')).toHaveLength(5);
  });

  it('for 特困 follows only the supported person', () => {
    const tekun: ApplicationItem = { ...dibao, id: `APP-9:tekun:${ID.grandfather}`, kind: 'tekun', memberIdNumber: ID.grandfather };
    const out = followOnItems(tekun, { ...ctx, existing: [] });
    expect(out.map((i) => [i.kind, i.memberIdNumber ?? 'household'])).toEqual([
      ['electricityWaiver', 'household'],
      ['waterWaiver', 'household'],
      ['medicalAssistance', ID.grandfather],
    ]);
  });

  it('starts nothing before approval, and nothing for other programmes', () => {
    expect(() => followOnItems({ ...dibao, status: 'in_review' }, ctx)).toThrow(/after approval/);
    expect(followOnItems({ ...items[1]!, status: 'approved' }, ctx)).toEqual([]);
  });

  it('takes a county rule list', () => {
    const out = followOnItems(dibao, { ...ctx, existing: [], rules: [{ when: 'dibao', kind: 'housingAssistance', target: 'household' }] });
    expect(out.map((i) => [i.kind, i.department])).toEqual([['housingAssistance', 'housing']]);
  });
});
