// Bank accounts for demo households: banks that pay social assistance in Jiangxi, weighted by area
// (rural families bank with the rural commercial bank and the postal savings bank), and 19-digit card
// numbers with a valid Luhn check digit. The 6-digit prefixes only imitate issuer prefixes: these are
// not real accounts.

import type { AreaType } from '../vocabulary';
import { Random, Weighted } from './random';

const PREFIX: Record<string, string> = {
  中国农业银行: '622848',
  中国邮政储蓄银行: '621799',
  江西农商银行: '623602',
  中国工商银行: '621226',
  中国建设银行: '621700',
  中国银行: '621661',
  九江银行: '621580',
  赣州银行: '623177',
};

const BANKS_BY_AREA: Record<AreaType, Weighted<string>> = {
  rural: new Weighted([
    ['江西农商银行', 40], ['中国邮政储蓄银行', 25], ['中国农业银行', 20], ['中国建设银行', 5], ['中国工商银行', 5], ['中国银行', 5],
  ]),
  urban: new Weighted([
    ['中国工商银行', 20], ['中国建设银行', 20], ['中国农业银行', 15], ['中国邮政储蓄银行', 15], ['江西农商银行', 10],
    ['中国银行', 10], ['九江银行', 5], ['赣州银行', 5],
  ]),
};

// Multiplying by a number prime to 10 permutes the residues mod 10^12, so distinct household ids give
// distinct account bodies that do not look sequential. The product is split in two halves to stay exact
// in doubles (ids below 10^9).
const SCRAMBLE_HIGH = 734_829; // SCRAMBLE = 734,829,163,417: odd and not a multiple of 5
const SCRAMBLE_LOW = 163_417;
const MILLION = 1e6;
const BODY_MOD = 1e12;

export function pickBank(area: AreaType, random: Random): string {
  return BANKS_BY_AREA[area].pick(random);
}

/** A 19-digit card number for a household, unique per household id and bank. */
export function accountNumber(bankName: string, householdId: number, seed: number): string {
  const high = (householdId * SCRAMBLE_HIGH) % MILLION;
  const body = (high * MILLION + householdId * SCRAMBLE_LOW + (seed >>> 0)) % BODY_MOD;
  const payload = PREFIX[bankName] + String(body).padStart(12, '0');
  return payload + luhnDigit(payload);
}

export function luhnDigit(payload: string): string {
  let sum = 0;
  // the digit next to the check digit is doubled, then every second one leftwards
  for (let i = payload.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = payload.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}
