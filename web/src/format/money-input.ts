// Yuan as people type them ('1500', '1,072.5', '¥935.00', '800元') into integer fen for the API, and back for
// a form's starting value. Exact: no floating point, where 0.29 × 100 is 28.999… in a double.

/** Fen from a typed yuan amount: '1,500.5' → 150050; null for empty, negative, more than two decimals or not a number. */
export function yuanToFen(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const text = String(value).replace(/[,，\s]/g, '').replace(/^[¥￥]/, '').replace(/元$/, '');
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(text);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** A yuan input's text for an amount in fen: 71500 → '715' (whole yuan without decimals), 107250 → '1072.50'. */
export function fenToYuanInput(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isSafeInteger(fen)) return '';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return cents === 0 ? `${sign}${yuan}` : `${sign}${yuan}.${String(cents).padStart(2, '0')}`;
}
