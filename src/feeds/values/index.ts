// The registry of value types: each type names its parser and its PostgreSQL column type. A new value
// type is one small file beside this one and one entry below; the catalogue then refers to it by name.
import type { ColumnDef, ParseResult, ValueParser } from '../feed-types';
import { parseDate } from './date';
import { enumCodes, enumParser } from './enum';
import { parseGrade } from './grade';
import { parseIdNumberCell } from './id-number';
import { parseMoney } from './money';
import { parseMonth } from './month';
import { AREA_OPTIONS, parseNumber } from './number';
import { parseText } from './text';
import { parseYesNo } from './yes-no';

export interface ValueType {
  /** What the published contract says the type accepts (Chinese, then English). */
  readonly describe: { zh: string; en: string };
  /** The parser for one column (enum labels, negative amounts and lengths come from the column). */
  parserFor(column: ColumnDef): ValueParser;
  /** The column's PostgreSQL type in its feed table. */
  sqlType(column: ColumnDef): string;
  /** A CHECK condition on the stored value, where the type has one; `name` is the quoted column. */
  sqlCheck?(column: ColumnDef, name: string): string | null;
}

function sqlList(values: string[]): string {
  return values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
}

export const VALUE_TYPES = {
  idNumber: {
    describe: { zh: '18位身份证号（可为小写x），或15位一代证号（自动转为18位）', en: '18-character ID number (x may be lower-case) or 15-digit first-generation number (converted)' },
    parserFor: () => parseIdNumberCell,
    sqlType: () => 'text',
    sqlCheck: (_c, name) => `${name} ~ '^[0-9]{17}[0-9X]$'`,
  },
  text: {
    describe: { zh: '文本', en: 'text' },
    parserFor: (c) => (raw) => parseText(raw, { maxLength: c.maxLength, upperCase: c.upperCase }),
    sqlType: () => 'text',
  },
  date: {
    describe: { zh: '日期：2025-03-09、2025/3/9、20250309、2025年3月9日，或XLSX日期', en: 'date: 2025-03-09, 2025/3/9, 20250309, 2025年3月9日, or an XLSX date' },
    parserFor: () => parseDate,
    sqlType: () => 'date',
  },
  month: {
    describe: { zh: '年月：202503、2025-03、2025年3月', en: 'month: 202503, 2025-03, 2025年3月' },
    parserFor: () => parseMonth,
    // Stored as 'YYYY-MM' text: it sorts and compares in calendar order and is what the code uses.
    sqlType: () => 'text',
    sqlCheck: (_c, name) => `${name} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`,
  },
  money: {
    describe: { zh: '金额（元）：1234.5、1,234.50、￥1234.50；最多两位小数；存为分', en: 'amount in yuan: 1234.5, 1,234.50, ￥1234.50; at most two decimals; stored in fen' },
    parserFor: (c) => (raw) => parseMoney(raw, { negative: c.negative }),
    sqlType: () => 'bigint',
    sqlCheck: (c, name) => (c.negative ? null : `${name} >= 0`),
  },
  grade: {
    describe: { zh: '残疾等级：一级…四级 或 1…4', en: 'disability grade: 一级…四级 or 1…4' },
    parserFor: () => parseGrade,
    sqlType: () => 'smallint',
    sqlCheck: (_c, name) => `${name} between 1 and 4`,
  },
  enum: {
    describe: { zh: '列出的可选值之一', en: 'one of the listed values' },
    parserFor: (c) => {
      if (!c.values) throw new Error(`enum column ${c.key} lists no values`);
      return enumParser(c.values);
    },
    sqlType: () => 'text',
    sqlCheck: (c, name) => `${name} in (${sqlList(enumCodes(c.values ?? {}).map((v) => v.code))})`,
  },
  yesNo: {
    describe: { zh: '是 或 否', en: '是 (yes) or 否 (no)' },
    parserFor: () => parseYesNo,
    sqlType: () => 'boolean',
  },
  number: {
    describe: { zh: '数字', en: 'number' },
    parserFor: (c) => (raw) => parseNumber(raw, { negative: c.negative }),
    sqlType: () => 'numeric',
  },
  area: {
    describe: { zh: '面积（平方米），最多两位小数', en: 'area in square metres, at most two decimals' },
    parserFor: () => (raw) => parseNumber(raw, AREA_OPTIONS),
    sqlType: () => 'numeric(14, 2)',
    sqlCheck: (_c, name) => `${name} >= 0`,
  },
} satisfies Record<string, ValueType>;

export type ValueTypeName = keyof typeof VALUE_TYPES;

export function valueType(name: ValueTypeName): ValueType {
  const type: ValueType | undefined = VALUE_TYPES[name];
  if (!type) throw new Error(`unknown value type: ${name}`);
  return type;
}

/** The parser of one column. */
export function columnParser(column: ColumnDef): (raw: unknown) => ParseResult {
  return valueType(column.type).parserFor(column);
}
