// Keys built at run time (`casework.itemAction.${type}`) escape the type check of t(): every value the server
// can send must have its message, in both languages.
import { describe, expect, it } from 'vitest';
import { caseworkEn, caseworkZh } from '../../i18n/casework';
import { ITEM_ACTION_TYPES } from '../../../../src/casework/casework-schemas';
import { FINDING_SECTIONS, VISIT_PURPOSES } from '../../../../src/casework/domain/visit';
import { ASSET_TYPES, INCOME_TYPES, RIGID_EXPENSE_TYPES } from '../../../../src/casework/domain/application-form';
import { TEMPORARY_ASSISTANCE_TYPES } from '../../../../src/casework/domain/items';
import { FILE_ENTRY_KINDS } from '../../../../src/casework/person-file';

const families: [string, readonly string[]][] = [
  ['casework.itemAction', [...ITEM_ACTION_TYPES, 'submit', 'followOn']],
  ['casework.finding', FINDING_SECTIONS],
  ['casework.purpose', VISIT_PURPOSES],
  ['casework.taskKind', ['warningVerification', 'recheck', 'countyCoordination']],
  ['casework.taskStatus', ['open', 'assigned', 'done', 'cancelled']],
  ['casework.file.kind', FILE_ENTRY_KINDS],
  ['casework.income', INCOME_TYPES],
  ['casework.asset', ASSET_TYPES],
  ['casework.expense', RIGID_EXPENSE_TYPES],
  ['casework.temporaryType', TEMPORARY_ASSISTANCE_TYPES],
  ['casework.items.limit', ['surveyStart', 'procedure', 'publicityEnd', 'refusalNotice']],
  ['casework.referrals.status', ['open', 'accepted', 'closed']],
  ['casework.level', ['red', 'yellow', 'blue']],
];

describe('the casework catalogue', () => {
  it.each(families)('has a message for every %s the server can send', (prefix, codes) => {
    const zh = caseworkZh as Record<string, string>;
    const missing = codes.map((c) => `${prefix}.${c}`).filter((k) => !zh[k]);
    expect(missing).toEqual([]);
  });

  it('is complete in English, and keys are the area\'s own', () => {
    const keys = Object.keys(caseworkZh);
    expect(Object.keys(caseworkEn).sort()).toEqual([...keys].sort());
    expect(keys.filter((k) => !k.startsWith('casework.') && !k.startsWith('menu.casework'))).toEqual([]);
    const empty = keys.filter((k) => !k.endsWith('.hint') && (!(caseworkZh as Record<string, string>)[k] || !(caseworkEn as Record<string, string>)[k]));
    expect(empty).toEqual([]);
  });
});
