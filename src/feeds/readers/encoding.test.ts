import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { canonicalEncoding, chooseEncoding, decoderFor, isUtf8Prefix } from './encoding';
import { FeedFileError } from './feed-file-error';

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

describe('decoderFor', () => {
  const decodeInPieces = (encoding: string, bytes: Buffer, size: number) => {
    const decoder = decoderFor(encoding);
    let text = '';
    for (let i = 0; i < bytes.length; i += size) text += decoder.decode(bytes.subarray(i, i + size));
    return text + decoder.end();
  };

  it('completes characters cut between chunks', () => {
    const text = '张三𡘙明,赣州\n';
    for (const encoding of ['gb18030', 'utf-8', 'utf-16le', 'utf-16be']) {
      const bytes = iconv.encode(text, encoding);
      for (const size of [1, 2, 3, 5]) expect([encoding, size, decodeInPieces(encoding, bytes, size)]).toEqual([encoding, size, text]);
    }
  });

  it('refuses bytes that are not the encoding, after the offset given', () => {
    const decoder = decoderFor('gb18030', 3);
    expect(decoder.decode(iconv.encode('张三', 'gb18030'))).toBe('张三');
    let error: unknown;
    try {
      decoder.decode(Buffer.from([0x81, 0x20]));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FeedFileError);
    expect((error as FeedFileError).code).toBe('encoding');
    expect((error as FeedFileError).messageZh).toMatch(/^文件在第 4 字节之后出现不是GB18030编码的内容/);

    const cut = decoderFor('gb18030');
    cut.decode(Buffer.from([0xd5]));
    expect(() => cut.end()).toThrow(/not valid GB18030/);
    expect(() => decodeInPieces('utf-8', Buffer.from([0x41, 0xe5, 0x41]), 1)).toThrow(/after offset 1 are not valid UTF-8/);
  });

  it('reads declared encodings the platform does not know with iconv-lite', () => {
    expect(decodeInPieces('cp437', Buffer.from([0x80, 0x41]), 1)).toBe('ÇA');
  });
});
