// Money is integer fen everywhere (docs/style.md); this is the one place it becomes text: 123450 → '¥1,234.50'.

export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`money must be a whole number of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${grouped}.${String(cents).padStart(2, '0')}`;
}
