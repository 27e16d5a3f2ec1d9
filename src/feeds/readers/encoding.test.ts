import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { canonicalEncoding, chooseEncoding, isUtf8Prefix } from './encoding';

describe('chooseEncoding', () => {
  it('lets a BOM decide', () => {
    expect(chooseEncoding(Buffer.from('\ufeff姓名'), true)).toEqual({ encoding: 'utf-8', bomLength: 3, how: 'bom' });
    expect(chooseEncoding(Buffer.from([0xff, 0xfe, 0x41, 0]), true)).toMatchObject({ encoding: 'utf-16le', bomLength: 2 });
    expect(chooseEncoding(Buffer.from([0xfe, 0xff, 0, 0x41]), true)).toMatchObject({ encoding: 'utf-16be', bomLength: 2 });
  });

  it('tells UTF-8 from GB18030 by validity', () => {
    expect(chooseEncoding(Buffer.from('姓名,身份证号\n'), true).encoding).toBe('utf-8');
    expect(chooseEncoding(iconv.encode('姓名,身份证号\n', 'gb18030'), true).encoding).toBe('gb18030');
    expect(chooseEncoding(Buffer.from('plain ascii'), true).encoding).toBe('utf-8');
  });

  it('does not mistake a sample cut inside a character for invalid UTF-8', () => {
    const bytes = Buffer.from('张三');
    expect(isUtf8Prefix(bytes.subarray(0, 4), false)).toBe(true);
    expect(isUtf8Prefix(bytes.subarray(0, 4), true)).toBe(false);
    expect(chooseEncoding(bytes.subarray(0, 5), false).encoding).toBe('utf-8');
  });

  it('knows the names departments declare', () => {
    expect(canonicalEncoding('UTF8')).toBe('utf-8');
    expect(canonicalEncoding('gbk')).toBe('gb18030');
    expect(canonicalEncoding('GB2312')).toBe('gb18030');
    expect(canonicalEncoding('cp936')).toBe('gb18030');
    expect(canonicalEncoding('big5')).toBe('big5');
    expect(() => canonicalEncoding('klingon')).toThrow(/unsupported encoding/);
  });
});
