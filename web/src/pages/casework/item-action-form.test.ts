import { describe, expect, it } from 'vitest';
import { actionBody, actionInputs, splitNames } from './item-action-form';

const generic = { kind: 'medicalAssistance' as const, procedure: null };
const dibao = (objections: number) => ({
  kind: 'dibao' as const,
  procedure: { publicity: { objections: Array.from({ length: objections }, () => ({ receivedOn: '2026-11-20', summary: '邻居反映有车' })) } },
}) as never;

describe('item actions', () => {
  it('asks a monthly benefit for its amount a month and policy version, a one-off for an optional amount', () => {
    expect(actionInputs('approve', { kind: 'dibao', procedure: null })).toEqual(['monthlyAmount', 'policyVersion', 'note']);
    expect(actionInputs('approve', generic)).toEqual(['oneOffAmount', 'note']);
    expect(actionBody('approve', { amountYuan: '935', policyVersion: ' 赣州2026 ', on: '2026-11-23' }, { kind: 'tekun', procedure: null }))
      .toEqual({ type: 'approve', on: '2026-11-23', amountFenPerMonth: 93500, policyVersion: '赣州2026' });
    expect(actionBody('approve', { amountYuan: '' }, generic)).toEqual({ type: 'approve' });
    expect(actionBody('approve', { amountYuan: '300.5' }, generic)).toEqual({ type: 'approve', amountFen: 30050 });
  });

  it('sends written reasons, review opinions and investigators as the API takes them', () => {
    expect(actionBody('refuse', { reason: ' 家庭人均收入高于低保标准 ' }, generic)).toEqual({ type: 'refuse', reason: '家庭人均收入高于低保标准' });
    expect(actionBody('review', { opinion: 'support', note: '残疾等级属实' }, generic)).toEqual({ type: 'review', opinion: 'support', note: '残疾等级属实' });
    expect(actionBody('startSurvey', { investigators: '王强、李芳，王强' }, generic)).toEqual({ type: 'startSurvey', investigators: ['王强', '李芳'] });
    expect(actionBody('completeSurvey', { surveyFormSigned: true }, generic)).toEqual({ type: 'completeSurvey', surveyFormSigned: true });
  });

  it('closes a publicity round with objections only with a follow-up', () => {
    expect(actionInputs('closePublicity', dibao(0))).toEqual([]);
    expect(actionBody('closePublicity', {}, dibao(0))).toEqual({ type: 'closePublicity' });
    expect(actionInputs('closePublicity', dibao(1))).toEqual(['followUp']);
    expect(actionBody('closePublicity', { followUpKind: 're_survey', followUpInvestigators: '赵敏 钱亮' }, dibao(1)))
      .toEqual({ type: 'closePublicity', followUp: { kind: 're_survey', investigators: ['赵敏', '钱亮'] } });
    expect(actionBody('closePublicity', { followUpKind: 'community_review' }, dibao(2))).toEqual({ type: 'closePublicity', followUp: { kind: 'community_review' } });
  });

  it('splits a list of names however it was typed', () => {
    expect(splitNames(' 王强, 李芳；赵敏 ')).toEqual(['王强', '李芳', '赵敏']);
    expect(splitNames(undefined)).toEqual([]);
  });
});
