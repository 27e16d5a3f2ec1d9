// Unique ID-number sequences without remembering issued numbers: one byte per county × birth day × sex
// counts what was handed out (≈ 7.7 MB for 100 counties and 106 years), and the count maps to a distinct
// 3-digit sequence of the right parity. A fixed offset per county and day spreads the sequences so that
// numbers do not all end in 001/002.

const MALE_SLOTS = 500; // 001, 003 … 999
const FEMALE_SLOTS = 499; // 002, 004 … 998 (000 is not issued)
const MAX_PER_CELL = 255; // a byte; far above what any demo population needs in one county on one day

export class IdSequences {
  private readonly issued: Uint8Array;

  constructor(
    private readonly counties: number,
    private readonly days: number,
  ) {
    this.issued = new Uint8Array(counties * days * 2);
  }

  /** Next unused sequence (1–999, odd for men) for a county and birth day, or null when the cell is full. */
  next(county: number, day: number, sex: 'M' | 'F'): number | null {
    if (county < 0 || county >= this.counties || day < 0 || day >= this.days) {
      throw new RangeError(`cell out of range: county ${county}, day ${day}`);
    }
    const cell = ((county * this.days + day) << 1) | (sex === 'M' ? 0 : 1);
    const k = this.issued[cell];
    if (k >= MAX_PER_CELL) return null;
    this.issued[cell] = k + 1;
    const offset = (Math.imul(county + 1, 7919) + Math.imul(day + 1, 104_729)) >>> 0;
    return sex === 'M' ? 2 * ((k + offset) % MALE_SLOTS) + 1 : 2 * ((k + offset) % FEMALE_SLOTS) + 2;
  }
}
