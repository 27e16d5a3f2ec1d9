// Validation of a household as submitted: every rule that needs no database, with the field at fault
// and the reason in Chinese and English. The web client runs the same rules before it sends.
import { parseIdNumber } from './id-number';
import type { HouseholdInput, MemberInput } from './household-input';
import {
  AREA_TYPES, CATEGORIES, DISABILITY_KINDS, EMPLOYMENTS, LABOUR_CAPACITIES, RELATIONS, SCHOOL_STAGES, SEXES, isOneOf,
} from './vocabulary';

export interface RuleError {
  field: string;
  code: string;
  message: string;
  messageEn: string;
}

export interface NormalisedMember {
  id?: number;
  idNumber?: string; // 18 characters, or absent when an existing member keeps his number
  name: string;
  sex?: 'M' | 'F';
  birthDate?: string;
  relation: string;
  disabilityKind: string | null;
  disabilityGrade: number | null;
  seriousIllness: string | null;
  labourCapacity: string;
  employment: string | null;
  schoolStage: string | null;
  phone?: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const err = (field: string, code: string, message: string, messageEn: string): RuleError => ({ field, code, message, messageEn });

function checkEnum(errors: RuleError[], field: string, values: readonly string[], value: unknown, label: string, labelEn: string) {
  if (value !== null && value !== undefined && !isOneOf(values, value)) {
    errors.push(err(field, 'ENUM', `${label}取值无效：${String(value)}`, `${labelEn} has an invalid value: ${String(value)}`));
  }
}

export function validateMember(m: MemberInput, path: string, today: string, errors: RuleError[]): NormalisedMember {
  const name = (m.name ?? '').trim();
  if (name.length === 0) errors.push(err(`${path}.name`, 'REQUIRED', '姓名必填', 'Name is required'));
  else if ([...name].length > 50) errors.push(err(`${path}.name`, 'TOO_LONG', '姓名不能超过 50 个字', 'Name must have at most 50 characters'));

  let idNumber: string | undefined;
  let sex = m.sex as 'M' | 'F' | undefined;
  let birthDate = m.birthDate;
  if (m.idNumber !== undefined || m.id === undefined) {
    const parsed = parseIdNumber(m.idNumber ?? '', { today });
    if (!parsed.ok) {
      errors.push(err(`${path}.idNumber`, parsed.code, parsed.message.zh, `ID number: ${parsed.message.en}`));
    } else {
      idNumber = parsed.idNumber;
      if (m.birthDate !== undefined && m.birthDate !== '' && m.birthDate !== parsed.birthDate) {
        errors.push(err(`${path}.birthDate`, 'BIRTH_DATE_MISMATCH', `出生日期与身份证号码不符（号码中为 ${parsed.birthDate}）`, `Birth date does not match the ID number (${parsed.birthDate})`));
      }
      if (m.sex !== undefined && m.sex !== '' && m.sex !== parsed.sex) {
        errors.push(err(`${path}.sex`, 'SEX_MISMATCH', '性别与身份证号码不符', 'Sex does not match the ID number'));
      }
      sex = parsed.sex;
      birthDate = parsed.birthDate;
    }
  } else {
    if (m.birthDate !== undefined && !validDate(m.birthDate)) errors.push(err(`${path}.birthDate`, 'DATE', '出生日期不是有效日期', 'Birth date is not a valid date'));
    checkEnum(errors, `${path}.sex`, SEXES, m.sex, '性别', 'Sex');
  }
  if (!isOneOf(RELATIONS, m.relation)) errors.push(err(`${path}.relation`, 'ENUM', '与户主关系取值无效', 'Relation to head is invalid'));
  checkEnum(errors, `${path}.disabilityKind`, DISABILITY_KINDS, m.disabilityKind, '残疾类别', 'Disability kind');
  checkEnum(errors, `${path}.labourCapacity`, LABOUR_CAPACITIES, m.labourCapacity, '劳动能力', 'Labour capacity');
  checkEnum(errors, `${path}.employment`, EMPLOYMENTS, m.employment, '就业状况', 'Employment');
  checkEnum(errors, `${path}.schoolStage`, SCHOOL_STAGES, m.schoolStage, '在学阶段', 'School stage');
  const grade = m.disabilityGrade ?? null;
  if (grade !== null && (grade < 1 || grade > 4)) errors.push(err(`${path}.disabilityGrade`, 'RANGE', '残疾等级应为 1–4 级', 'Disability grade must be 1–4'));
  if ((grade === null) !== ((m.disabilityKind ?? null) === null)) {
    errors.push(err(`${path}.disabilityGrade`, 'DISABILITY_PAIR', '残疾类别与残疾等级须同时填写', 'Disability kind and grade go together'));
  }
  if (m.phone && !/^[0-9+\- ]{5,20}$/.test(m.phone)) errors.push(err(`${path}.phone`, 'FORMAT', '联系电话格式不正确', 'Phone number has an invalid format'));
  return {
    id: m.id, idNumber, name, sex, birthDate, relation: m.relation,
    disabilityKind: m.disabilityKind ?? null, disabilityGrade: grade, seriousIllness: m.seriousIllness?.trim() || null,
    labourCapacity: m.labourCapacity ?? 'full', employment: m.employment ?? null, schoolStage: m.schoolStage ?? null,
    phone: m.phone === undefined ? undefined : m.phone?.trim() || null,
  };
}

/** Rules over the whole household that need no database. */
export function validateHousehold(input: HouseholdInput, today: string): { errors: RuleError[]; members: NormalisedMember[] } {
  const errors: RuleError[] = [];
  if (!isOneOf(AREA_TYPES, input.areaType)) errors.push(err('areaType', 'ENUM', '城乡类别取值无效', 'Urban/rural type is invalid'));
  if (!/^\d{12}$/.test(input.villageCode)) errors.push(err('villageCode', 'FORMAT', '村(社区)代码应为 12 位数字', 'Village code must be 12 digits'));
  if (input.address.trim().length === 0) errors.push(err('address', 'REQUIRED', '家庭住址必填', 'Address is required'));
  const members = input.members.map((m, i) => validateMember(m, `members[${i}]`, today, errors));
  const heads = input.members.filter((m) => m.relation === 'head').length;
  if (heads !== 1) errors.push(err('members', 'ONE_HEAD', `家庭须有且仅有一名户主（现有 ${heads} 名）`, `A household needs exactly one head (has ${heads})`));
  const seen = new Map<string, number>();
  members.forEach((m, i) => {
    if (!m.idNumber) return;
    if (seen.has(m.idNumber)) errors.push(err(`members[${i}].idNumber`, 'DUPLICATE', `与第 ${seen.get(m.idNumber)! + 1} 名成员身份证号码重复`, `Same ID number as member ${seen.get(m.idNumber)! + 1}`));
    else seen.set(m.idNumber, i);
  });
  if (input.bank) {
    if (input.bank.holderMemberIndex >= input.members.length) {
      errors.push(err('bank.holderMemberIndex', 'NOT_MEMBER', '收款账户须为本户家庭成员本人账户', "The account must be a household member's own"));
    }
    if (input.bank.accountNo !== undefined && !/^\d{8,30}$/.test(input.bank.accountNo.replace(/\s/g, ''))) {
      errors.push(err('bank.accountNo', 'FORMAT', '银行账号应为 8–30 位数字', 'Bank account must be 8–30 digits'));
    }
  }
  (input.categories ?? []).forEach((c, i) => {
    const p = `categories[${i}]`;
    if (!isOneOf(CATEGORIES, c.category)) errors.push(err(`${p}.category`, 'ENUM', `未知的监测类别：${c.category}`, `Unknown category: ${c.category}`));
    if (!validDate(c.fromDate)) errors.push(err(`${p}.fromDate`, 'DATE', '开始日期不是有效日期', 'Start date is not a valid date'));
    if (c.toDate && !validDate(c.toDate)) errors.push(err(`${p}.toDate`, 'DATE', '结束日期不是有效日期', 'End date is not a valid date'));
    if (c.toDate && validDate(c.fromDate) && validDate(c.toDate) && c.toDate < c.fromDate) {
      errors.push(err(`${p}.toDate`, 'DATE_ORDER', '结束日期早于开始日期', 'End date is before the start date'));
    }
  });
  return { errors, members };
}
