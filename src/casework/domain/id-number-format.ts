// The form-level check of an 18-digit resident ID number (GB 11643): shape, embedded birth date and the
// ISO 7064 MOD 11-2 check digit. Enough to catch typing errors on the form; matching the number to a person
// (and 15-digit legacy numbers) is the registry's job.

import { isIsoDate, type IsoDate } from '../../platform/calendar/index.js';

import { parseIdNumber } from '../../registry/id-number';

export function birthDateFromIdNumber(idNumber: string): IsoDate | undefined {
  const d = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  return isIsoDate(d) ? d : undefined;
}

export function isValidIdNumber(value: unknown): value is string {
  // The registry's reading of GB 11643; the form wants the 18-character form exactly as stored.
  if (typeof value !== 'string') return false;
  const parsed = parseIdNumber(value);
  return parsed.ok && parsed.idNumber === value;
}

/** Whole years of age on a date (a person born on 29 February turns a year older on 1 March). */
export function ageOn(idNumber: string, on: IsoDate): number | undefined {
  const birth = birthDateFromIdNumber(idNumber);
  if (!birth) return undefined;
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}
