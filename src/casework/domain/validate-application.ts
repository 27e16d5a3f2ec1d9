// Checks the one form before it is split into items, and says what is wrong field by field in Chinese and
// English. Input comes from citizens and village workers, so every field is checked, not trusted.

import { compareDates, isIsoDate, type IsoDate } from '../../platform/calendar/index.js';
import { AREA_TYPES, DISABILITY_KINDS, isOneOf, RELATIONS, SCHOOL_STAGES } from '../../registry/vocabulary.js';
import type { ApplicationForm, MemberInput } from './application-form.js';
import { ASSET_TYPES, INCOME_TYPES, RIGID_EXPENSE_TYPES } from './application-form.js';
import { fieldError, type FieldError } from './field-error.js';
import { ageOn, isValidIdNumber } from './id-number-format.js';
import { ITEM_KIND_INFO, ITEM_KINDS, TEMPORARY_ASSISTANCE_TYPES } from './items.js';

export interface ValidationContext {
  /** The day the form is received; the authorisation cannot be signed after it. */
  readonly today: IsoDate;
}

/** Adults sign the economic-check authorisation themselves; a guardian's signature covers a minor. */
const ADULT_AGE = 18;

function blank(v: unknown): boolean {
  return typeof v !== 'string' || v.trim() === '';
}

/** Array.isArray narrows a readonly array to any[]; this keeps the element type while guarding bad input. */
function listOf<T>(v: readonly T[] | undefined): readonly T[] {
  return Array.isArray(v) ? v : [];
}

function isFen(v: unknown): boolean {
  return Number.isInteger(v) && (v as number) >= 0;
}

export function validateApplicationForm(form: ApplicationForm, ctx: ValidationContext): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, code: string, zh: string, en: string) => errors.push(fieldError(field, code, zh, en));
  const members = listOf<MemberInput>(form.members);
  const memberIds = new Set(members.map((m) => m?.idNumber).filter((id): id is string => typeof id === 'string'));

  const checkMemberRef = (field: string, id: unknown) => {
    if (id !== undefined && !memberIds.has(id as string)) add(field, 'not_a_member', '须为本户家庭成员', 'Must be a member of this household');
  };

  // Applicant: one of the co-resident members applies for the household (《最低生活保障审核确认办法》).
  const a = form.applicant;
  if (!a) add('applicant', 'required', '请填写申请人', 'Applicant is required');
  else {
    if (blank(a.name)) add('applicant.name', 'required', '请填写申请人姓名', "Applicant's name is required");
    if (!isValidIdNumber(a.idNumber)) add('applicant.idNumber', 'invalid_id_number', '申请人公民身份号码无效', "Applicant's ID number is invalid");
    else if (!memberIds.has(a.idNumber)) add('applicant.idNumber', 'applicant_not_member', '申请人须为共同生活家庭成员', 'The applicant must be a household member');
    if (typeof a.phone !== 'string' || !/^[\d+\-\s]{7,20}$/.test(a.phone)) add('applicant.phone', 'invalid_phone', '请填写有效的联系电话', 'A valid phone number is required');
  }
  if (form.agent) {
    if (blank(form.agent.name)) add('agent.name', 'required', '请填写代办人姓名', "Agent's name is required");
    if (blank(form.agent.reason)) add('agent.reason', 'required', '请说明代办原因', 'Reason for applying on their behalf is required');
  }

  const h = form.household;
  if (!h) add('household', 'required', '请填写家庭住址信息', 'Household address is required');
  else {
    if (typeof h.regionCode !== 'string' || !/^\d{12}$/.test(h.regionCode)) add('household.regionCode', 'invalid_region', '请选择所在村（社区）', 'Choose the village or community (12-digit code)');
    if (!isOneOf(AREA_TYPES, h.areaType)) add('household.areaType', 'invalid_choice', '请选择城市或农村', 'Choose urban or rural');
    if (blank(h.address)) add('household.address', 'required', '请填写详细住址', 'Address is required');
  }

  // Members.
  if (members.length === 0) add('members', 'required', '请至少填写一名家庭成员', 'At least one household member is required');
  const seen = new Set<string>();
  members.forEach((m, i) => {
    const f = `members[${i}]`;
    if (blank(m?.name)) add(`${f}.name`, 'required', '请填写姓名', 'Name is required');
    if (!isValidIdNumber(m?.idNumber)) add(`${f}.idNumber`, 'invalid_id_number', '公民身份号码无效', 'ID number is invalid');
    else if (seen.has(m.idNumber)) add(`${f}.idNumber`, 'duplicate_member', '该成员重复填写', 'This member is listed twice');
    else seen.add(m.idNumber);
    if (!isOneOf(RELATIONS, m?.relation)) add(`${f}.relation`, 'invalid_choice', '请选择与户主关系', 'Choose the relation to the head');
    if (m?.schoolStage !== undefined && !isOneOf(SCHOOL_STAGES, m.schoolStage)) add(`${f}.schoolStage`, 'invalid_choice', '请选择在读学段', 'Choose a school stage');
    if (m?.disability !== undefined) {
      if (!isOneOf(DISABILITY_KINDS, m.disability.kind)) add(`${f}.disability.kind`, 'invalid_choice', '请选择残疾类别', 'Choose a disability kind');
      if (![1, 2, 3, 4].includes(m.disability.grade)) add(`${f}.disability.grade`, 'invalid_choice', '残疾等级应为一至四级', 'Disability grade must be 1 to 4');
    }
  });
  const heads = members.filter((m) => m?.relation === 'head').length;
  if (members.length > 0 && heads !== 1) add('members', 'one_head', '家庭成员中须有且只有一名户主', 'Exactly one member must be the head of household');

  // Income, assets and rigid expenses: the lists must be present (an empty list means "none declared").
  const lists = [
    ['incomes', form.incomes, '收入', 'income'],
    ['assets', form.assets, '财产', 'assets'],
    ['rigidExpenses', form.rigidExpenses, '刚性支出', 'rigid expenses'],
  ] as const;
  for (const [field, list, zh, en] of lists) {
    if (!Array.isArray(list)) add(field, 'required', `请填写${zh}情况（没有请填"无"）`, `Declare ${en} (an empty list if none)`);
  }
  listOf(form.incomes).forEach((x, i) => {
    if (!isOneOf(INCOME_TYPES, x?.type)) add(`incomes[${i}].type`, 'invalid_choice', '请选择收入类型', 'Choose an income type');
    if (!isFen(x?.monthlyAmountFen)) add(`incomes[${i}].monthlyAmountFen`, 'invalid_amount', '金额应为不小于零的数（以分计）', 'Amount must be a non-negative whole number of fen');
    checkMemberRef(`incomes[${i}].memberIdNumber`, x?.memberIdNumber);
  });
  listOf(form.assets).forEach((x, i) => {
    if (!isOneOf(ASSET_TYPES, x?.type)) add(`assets[${i}].type`, 'invalid_choice', '请选择财产类型', 'Choose an asset type');
    if (!isFen(x?.valueFen)) add(`assets[${i}].valueFen`, 'invalid_amount', '金额应为不小于零的数（以分计）', 'Value must be a non-negative whole number of fen');
    if (blank(x?.description)) add(`assets[${i}].description`, 'required', '请说明财产情况', 'Describe the asset');
    checkMemberRef(`assets[${i}].memberIdNumber`, x?.memberIdNumber);
  });
  listOf(form.rigidExpenses).forEach((x, i) => {
    if (!isOneOf(RIGID_EXPENSE_TYPES, x?.type)) add(`rigidExpenses[${i}].type`, 'invalid_choice', '请选择支出类型', 'Choose an expense type');
    if (!isFen(x?.annualAmountFen)) add(`rigidExpenses[${i}].annualAmountFen`, 'invalid_amount', '金额应为不小于零的数（以分计）', 'Amount must be a non-negative whole number of fen');
    if (blank(x?.description)) add(`rigidExpenses[${i}].description`, 'required', '请说明支出情况', 'Describe the expense');
    checkMemberRef(`rigidExpenses[${i}].memberIdNumber`, x?.memberIdNumber);
  });

  // Bank account: the family's own, never a village worker's (domain.md §9).
  const b = form.bankAccount;
  if (!b) add('bankAccount', 'required', '请填写收款账户', 'A bank account is required');
  else {
    const holder = members.find((m) => m?.idNumber === b.holderIdNumber);
    if (!holder) add('bankAccount.holderIdNumber', 'account_not_member', '收款账户须为本户家庭成员本人账户', "The account must belong to a household member");
    else if (holder.name !== b.holderName) add('bankAccount.holderName', 'holder_name_mismatch', '户名与该家庭成员姓名不一致', "Account holder's name does not match the member's name");
    if (blank(b.bankName)) add('bankAccount.bankName', 'required', '请填写开户银行', 'Bank name is required');
    if (typeof b.accountNumber !== 'string' || !/^\d{12,30}$/.test(b.accountNumber)) add('bankAccount.accountNumber', 'invalid_account', '银行账号应为12至30位数字', 'Account number must be 12 to 30 digits');
  }

  // Economic-check authorisation: dated, not in the future, signed by every adult member.
  const auth = form.authorisation;
  if (!auth) add('authorisation', 'required', '须签署家庭经济状况核对授权书', 'The economic-check authorisation is required');
  else {
    const dated = isIsoDate(auth.signedOn);
    if (!dated) add('authorisation.signedOn', 'invalid_date', '请填写授权书签署日期', 'Date of signing is required (YYYY-MM-DD)');
    else if (compareDates(auth.signedOn, ctx.today) > 0) add('authorisation.signedOn', 'future_date', '签署日期不能晚于今天', 'The signing date cannot be in the future');
    const signers = new Set(listOf(auth.signedBy));
    for (const s of signers) checkMemberRef('authorisation.signedBy', s);
    if (dated) {
      members.forEach((m, i) => {
        if (!isValidIdNumber(m?.idNumber)) return;
        const age = ageOn(m.idNumber, auth.signedOn);
        if (age !== undefined && age >= ADULT_AGE && !signers.has(m.idNumber)) {
          add('authorisation.signedBy', 'adult_not_signed', `成年家庭成员${m.name}未签署授权书`, `Adult member ${m.name} (members[${i}]) has not signed the authorisation`);
        }
      });
    }
  }

  // Items.
  const items = listOf(form.items);
  if (items.length === 0) add('items', 'required', '请至少勾选一项救助事项', 'Tick at least one assistance item');
  const ticked = new Set<string>();
  items.forEach((it, i) => {
    const f = `items[${i}]`;
    if (!isOneOf(ITEM_KINDS, it?.kind)) {
      add(`${f}.kind`, 'invalid_choice', '未知的救助事项', 'Unknown assistance item');
      return;
    }
    const info = ITEM_KIND_INFO[it.kind];
    if (info.scope === 'person') {
      if (it.memberIdNumber === undefined) add(`${f}.memberIdNumber`, 'member_required', `请选择申请${info.zh}的家庭成员`, `Choose the member this ${info.en} is for`);
      else checkMemberRef(`${f}.memberIdNumber`, it.memberIdNumber);
    } else if (it.memberIdNumber !== undefined) {
      add(`${f}.memberIdNumber`, 'household_item', `${info.zh}以户为单位申请，无需选择成员`, `${info.en} is applied for by the whole household`);
    }
    if (it.kind === 'temporaryAssistance' && !isOneOf(TEMPORARY_ASSISTANCE_TYPES, it.temporaryAssistanceType)) {
      add(`${f}.temporaryAssistanceType`, 'invalid_choice', '请选择急难型或支出型', 'Choose emergency or expenditure type');
    }
    const key = `${it.kind}|${it.memberIdNumber ?? ''}`;
    if (ticked.has(key)) add(`${f}.kind`, 'duplicate_item', '该事项重复勾选', 'This item is ticked twice');
    ticked.add(key);
  });

  return errors;
}
