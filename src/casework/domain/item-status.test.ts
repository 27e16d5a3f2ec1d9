import { describe, expect, it } from 'vitest';
import { canTransition, changeItemStatus, ITEM_STATUSES } from './item-status.js';

const on = '2025-02-05';
const by = 'u-township-01';

describe('item status', () => {
  it('follows submitted → accepted → in_review → approved', () => {
    expect(changeItemStatus('submitted', { to: 'accepted', on, by })).toEqual({ ok: true, value: { from: 'submitted', to: 'accepted', on, by } });
    expect(changeItemStatus('accepted', { to: 'in_review', on, by }).ok).toBe(true);
    expect(changeItemStatus('in_review', { to: 'approved', on, by }).ok).toBe(true);
  });

  it('lets the citizen withdraw until a decision', () => {
    for (const from of ['submitted', 'accepted', 'in_review'] as const) expect(canTransition(from, 'withdrawn'), from).toBe(true);
    for (const from of ['approved', 'refused', 'withdrawn'] as const) expect(canTransition(from, 'withdrawn'), from).toBe(false);
  });

  it('returns a typed error for an illegal move', () => {
    const r = changeItemStatus('submitted', { to: 'approved', on, by });
    expect(r).toEqual({
      ok: false,
      error: { code: 'illegal_transition', from: 'submitted', to: 'approved', zh: '事项状态不能从"已提交"变为"已批准"', en: 'An item cannot move from submitted to approved' },
    });
    expect(changeItemStatus('approved', { to: 'in_review', on, by })).toMatchObject({ ok: false, error: { code: 'illegal_transition' } });
  });

  it('allows no move out of a final status', () => {
    for (const from of ['approved', 'refused', 'withdrawn'] as const) {
      for (const to of ITEM_STATUSES) expect(canTransition(from, to)).toBe(false);
    }
  });

  it('requires written reasons for a refusal, a date and who did it', () => {
    expect(changeItemStatus('in_review', { to: 'refused', on, by })).toMatchObject({ ok: false, error: { code: 'reason_required' } });
    expect(changeItemStatus('in_review', { to: 'refused', on, by, reason: '家庭人均收入高于当地低保标准' })).toMatchObject({ ok: true });
    expect(changeItemStatus('in_review', { to: 'approved', on: '2025/02/05', by })).toMatchObject({ ok: false, error: { code: 'invalid_date' } });
    expect(changeItemStatus('in_review', { to: 'approved', on, by: '' })).toMatchObject({ ok: false, error: { code: 'actor_required' } });
  });
});
