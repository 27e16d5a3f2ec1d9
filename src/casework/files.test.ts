import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { AppError } from '../platform/errors';
import { contentMatchesType, decodeAttachments } from './files';

const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const PDF_BYTES = Buffer.from('%PDF-1.4\n%test\n', 'latin1');

const upload = (bytes: Buffer, mimeType: string, sizeBytes = bytes.length) => ({
  clientId: randomUUID(), fileName: 'f', mimeType, sizeBytes, contentBase64: bytes.toString('base64'),
});

describe('attachments', () => {
  it('recognise a file by its first bytes, not by what it claims to be', () => {
    expect(contentMatchesType(PNG_BYTES, 'image/png')).toBe(true);
    expect(contentMatchesType(PDF_BYTES, 'application/pdf')).toBe(true);
    expect(contentMatchesType(PDF_BYTES, 'image/png')).toBe(false);
    expect(contentMatchesType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg')).toBe(true);
    expect(contentMatchesType(Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'), 'image/webp')).toBe(true);
    expect(contentMatchesType(Buffer.from('ID3\x03', 'latin1'), 'audio/mpeg')).toBe(true);
    expect(contentMatchesType(Buffer.from('<html>', 'latin1'), 'text/html')).toBe(false);
  });

  it('decode, hash, and refuse wrong sizes, wrong types and too much', () => {
    const [a] = decodeAttachments([upload(PNG_BYTES, 'image/png')]);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    const fieldsOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as AppError).fields.map((x) => x.code);
      }
      return [];
    };
    expect(fieldsOf(() => decodeAttachments([upload(PNG_BYTES, 'image/png', 3)]))).toEqual(['SIZE_MISMATCH']);
    expect(fieldsOf(() => decodeAttachments([upload(PDF_BYTES, 'image/png')]))).toEqual(['FILE_TYPE_MISMATCH']);
    expect(fieldsOf(() => decodeAttachments([{ ...upload(PNG_BYTES, 'image/png'), contentBase64: '***' }]))).toEqual(['INVALID_BASE64']);
    const big = Buffer.concat([PDF_BYTES, Buffer.alloc(11 * 1024 * 1024)]);
    expect(fieldsOf(() => decodeAttachments([upload(big, 'application/pdf')]))).toEqual(['FILE_TOO_LARGE']);
    const nine = Buffer.concat([PDF_BYTES, Buffer.alloc(9 * 1024 * 1024)]);
    expect(fieldsOf(() => decodeAttachments(Array.from({ length: 6 }, () => upload(nine, 'application/pdf'))))).toEqual(['TOTAL_TOO_LARGE']);
  });
});
