// Masking for display, exports and logs: enough to recognise a record, not enough to reuse the number.

/** First 4 and last 4 kept: '36073119850620331X' → '3607**********331X'. */
export function maskIdNumber(idNumber: string): string {
  return keepEnds(idNumber.trim(), 4, 4);
}

/** Mobile numbers keep the first 3 and last 4: '13812345678' → '138****5678'; shorter numbers only the last 4. */
export function maskPhone(phone: string): string {
  const text = phone.trim();
  return text.length >= 11 ? keepEnds(text, 3, 4) : keepEnds(text, 0, 4);
}

/** Only the last 4 digits visible; spaces that group the digits are dropped. */
export function maskBankAccount(accountNo: string): string {
  return keepEnds(accountNo.replace(/\s+/g, ''), 0, 4);
}

// A value too short to hide anything between the kept ends is masked whole.
function keepEnds(text: string, head: number, tail: number): string {
  if (text.length <= head + tail) return '*'.repeat(text.length);
  return text.slice(0, head) + '*'.repeat(text.length - head - tail) + text.slice(text.length - tail);
}
