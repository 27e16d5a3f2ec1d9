// Calendar days as small integers for the generator: index 0 is the earliest birth day it may need and
// the last index is "today" (given, never read from the clock). Date strings are made once per day, not
// once per person, which keeps generation fast.

const MS_PER_DAY = 86_400_000;

export class DayTable {
  /** 'YYYY-MM-DD' per index. */
  readonly iso: string[] = [];
  /** 'YYYYMMDD' per index, as written in ID numbers. */
  readonly compact: string[] = [];
  private readonly year: Uint16Array;
  private readonly monthDay: Uint16Array;
  readonly todayIndex: number;
  readonly count: number;

  /** Covers `years` whole years up to and including `today` ('YYYY-MM-DD'). */
  constructor(today: string, years: number) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
    if (!match) throw new RangeError(`today must be YYYY-MM-DD: ${today}`);
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const end = Date.UTC(y, m - 1, d);
    if (new Date(end).toISOString().slice(0, 10) !== today) throw new RangeError(`not a date: ${today}`);
    const start = Date.UTC(y - years, m - 1, d) + MS_PER_DAY;
    this.count = Math.round((end - start) / MS_PER_DAY) + 1;
    this.todayIndex = this.count - 1;
    this.year = new Uint16Array(this.count);
    this.monthDay = new Uint16Array(this.count);
    for (let i = 0; i < this.count; i++) {
      const iso = new Date(start + i * MS_PER_DAY).toISOString().slice(0, 10);
      this.iso.push(iso);
      this.compact.push(iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10));
      this.year[i] = Number(iso.slice(0, 4));
      this.monthDay[i] = Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));
    }
  }

  /** Full years of age on today for someone born on day `index`. */
  age(index: number): number {
    const t = this.todayIndex;
    return this.year[t] - this.year[index] - (this.monthDay[t] < this.monthDay[index] ? 1 : 0);
  }

  /** Index of the given date, or -1 when outside the table. */
  indexOf(date: string): number {
    const first = Date.parse(this.iso[0]);
    const at = Math.round((Date.parse(date) - first) / MS_PER_DAY);
    return at >= 0 && at < this.count && this.iso[at] === date ? at : -1;
  }
}
