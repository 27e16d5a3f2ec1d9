// Resident ID numbers (公民身份号码, GB 11643): reading what departments send, in either generation, into
// the one 18-character form the registry matches on; and building valid numbers (tests, demo data).
// The address code is the county that issued the number and stays valid for life, so it is never checked
// against today's regions.

export type IdNumberErrorCode = 'ID_FORMAT' | 'ID_CHECK_DIGIT' | 'ID_BIRTH_DATE';

export interface ParsedIdNumber {
  ok: true;
  /** 18 characters, check digit 'X' upper-case. */
  idNumber: string;
  /** 6-digit address code of the issuing county. */
  addressCode: string;
  /** 'YYYY-MM-DD'. */
  birthDate: string;
  /** From the parity of the sequence: odd for men. */
  sex: 'M' | 'F';
  /** The input was a first-generation 15-digit number, converted here. */
  wasFifteen: boolean;
}

export interface IdNumberError {
  ok: false;
  code: IdNumberErrorCode;
  message: { zh: string; en: string };
}

export type IdNumberResult = ParsedIdNumber | IdNumberError;

export interface ParseIdNumberOptions {
  /** 'YYYY-MM-DD'; when given, birth dates after it are rejected. */
  today?: string;
}

// ISO 7064 MOD 11-2: weight of position i is 2^(17-i) mod 11
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
// Nobody alive was born before this; an earlier year means a mistyped number, not an old person.
const EARLIEST_BIRTH_YEAR = 1880;

const EIGHTEEN = /^\d{17}[\dX]$/;
const FIFTEEN = /^\d{15}$/;

/** The check character for the first 17 digits. */
export function computeCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`expected 17 digits, got ${JSON.stringify(first17)}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** An 18-character number from its parts; `sequence` 1–999 (odd for men). */
export function buildIdNumber(addressCode: string, birthDate: string, sequence: number | string): string {
  const seq = typeof sequence === 'number' ? String(sequence).padStart(3, '0') : sequence;
  if (!/^\d{6}$/.test(addressCode)) throw new RangeError(`address code must be 6 digits: ${addressCode}`);
  if (!/^\d{3}$/.test(seq) || seq === '000') throw new RangeError(`sequence must be 001–999: ${sequence}`);
  const ymd = birthDate.replace(/-/g, '');
  if (!/^\d{8}$/.test(ymd) || !isCalendarDate(ymd)) throw new RangeError(`not a date: ${birthDate}`);
  const first17 = addressCode + ymd + seq;
  return first17 + computeCheckDigit(first17);
}

export function parseIdNumber(input: string, options: ParseIdNumberOptions = {}): IdNumberResult {
  // spreadsheets keep long numbers as text with a leading apostrophe; copies carry stray spaces
  let text = input.trim();
  if (text.startsWith("'")) text = text.slice(1).trim();
  text = text.toUpperCase();

  let first17: string;
  let wasFifteen = false;
  if (EIGHTEEN.test(text)) {
    first17 = text.slice(0, 17);
  } else if (FIFTEEN.test(text)) {
    // first generation: 6 address + YYMMDD (all in the 1900s) + 3 sequence, no check digit
    first17 = text.slice(0, 6) + '19' + text.slice(6, 15);
    wasFifteen = true;
  } else {
    return fail('ID_FORMAT', '身份证号码应为18位（末位可为X）或15位数字', 'An ID number has 18 characters (the last may be X) or 15 digits');
  }

  const ymd = first17.slice(6, 14);
  const birthDate = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
  if (!isCalendarDate(ymd) || Number(ymd.slice(0, 4)) < EARLIEST_BIRTH_YEAR) {
    return fail('ID_BIRTH_DATE', `身份证号码中的出生日期无效：${ymd}`, `The birth date in the ID number is not a valid date: ${ymd}`);
  }
  if (options.today !== undefined && birthDate > options.today) {
    return fail('ID_BIRTH_DATE', `身份证号码中的出生日期晚于今天：${birthDate}`, `The birth date in the ID number is in the future: ${birthDate}`);
  }

  const check = computeCheckDigit(first17);
  if (!wasFifteen && text[17] !== check) {
    return fail('ID_CHECK_DIGIT', '身份证号码校验位不正确，可能有数字录入错误', 'The check digit does not match: a digit was probably mistyped');
  }

  return {
    ok: true,
    idNumber: first17 + check,
    addressCode: first17.slice(0, 6),
    birthDate,
    sex: (first17.charCodeAt(16) - 48) % 2 === 1 ? 'M' : 'F',
    wasFifteen,
  };
}

function fail(code: IdNumberErrorCode, zh: string, en: string): IdNumberError {
  return { ok: false, code, message: { zh, en } };
}

/** 'YYYYMMDD' names a day that exists (Gregorian leap years). */
function isCalendarDate(ymd: string): boolean {
  const year = Number(ymd.slice(0, 4));
  const month = Number(ymd.slice(4, 6));
  const day = Number(ymd.slice(6, 8));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}
