// Attachments of visits and applications (photos, scans, voice notes). They arrive base64-encoded inside the
// one JSON submission (so a visit stays one self-contained, retryable request from an offline tablet), are
// checked against their declared size and against their content's real type (magic bytes, not the name), and
// are kept content-addressed under <fileStoreDir>/casework/<sha256[0..2]>/<sha256>: the same photo sent twice,
// or re-sent by a retry, is stored once.
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { fieldError, validationFailed, type FieldError } from '../platform/errors';
import { DEFAULT_ATTACHMENT_LIMITS, type AttachmentLimits } from './domain';

export interface AttachmentUpload {
  clientId: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  contentBase64: string;
}

export interface DecodedAttachment {
  clientId: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  bytes: Buffer;
  sha256: string;
}

const startsWith = (b: Buffer, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (b: Buffer, at: number, text: string) => b.subarray(at, at + text.length).toString('latin1') === text;

/** Whether the bytes are what the declared type says (the file's own signature). */
export function contentMatchesType(bytes: Buffer, mimeType: string): boolean {
  switch (mimeType) {
    case 'image/jpeg': return startsWith(bytes, [0xff, 0xd8, 0xff]);
    case 'image/png': return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'image/webp': return ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP');
    case 'image/heic': return ascii(bytes, 4, 'ftyp') && ['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].some((b) => ascii(bytes, 8, b));
    case 'application/pdf': return ascii(bytes, 0, '%PDF-');
    case 'audio/mp4': return ascii(bytes, 4, 'ftyp');
    case 'audio/mpeg': return ascii(bytes, 0, 'ID3') || (bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0);
    default: return false;
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes and checks every attachment; all problems are reported at once, field by field. */
export function decodeAttachments(list: AttachmentUpload[], field = 'attachments', limits: AttachmentLimits = DEFAULT_ATTACHMENT_LIMITS): DecodedAttachment[] {
  const errors: FieldError[] = [];
  const out: DecodedAttachment[] = [];
  list.forEach((a, i) => {
    const f = `${field}[${i}]`;
    const text = a.contentBase64.replace(/\s+/g, '');
    if (!BASE64.test(text) || text.length % 4 !== 0) {
      errors.push(fieldError(`${f}.contentBase64`, 'INVALID_BASE64', '附件内容编码无效', 'Attachment content is not valid base64'));
      return;
    }
    const bytes = Buffer.from(text, 'base64');
    if (bytes.length !== a.sizeBytes) {
      errors.push(fieldError(`${f}.sizeBytes`, 'SIZE_MISMATCH', '附件大小与内容不符（可能上传不完整）', `Declared size ${a.sizeBytes} does not match the content (${bytes.length} bytes)`));
      return;
    }
    if (bytes.length > limits.maxFileBytes) {
      errors.push(fieldError(`${f}.sizeBytes`, 'FILE_TOO_LARGE', `单个附件不能超过${limits.maxFileBytes / 1024 / 1024}MB`, `Each file must be at most ${limits.maxFileBytes} bytes`));
      return;
    }
    if (!limits.allowedTypes.includes(a.mimeType) || !contentMatchesType(bytes, a.mimeType)) {
      errors.push(fieldError(`${f}.mimeType`, 'FILE_TYPE_MISMATCH', '附件内容与类型不符或类型不受支持（支持照片、PDF、录音）', `The content is not a ${a.mimeType} file, or the type is not allowed`));
      return;
    }
    out.push({ clientId: a.clientId, fileName: a.fileName, mimeType: a.mimeType, sizeBytes: a.sizeBytes, bytes, sha256: createHash('sha256').update(bytes).digest('hex') });
  });
  const total = out.reduce((s, a) => s + a.sizeBytes, 0);
  if (list.length > limits.maxCount) errors.push(fieldError(field, 'TOO_MANY_FILES', `附件不能超过${limits.maxCount}个`, `At most ${limits.maxCount} attachments`));
  if (total > limits.maxTotalBytes) errors.push(fieldError(field, 'TOTAL_TOO_LARGE', `附件合计不能超过${limits.maxTotalBytes / 1024 / 1024}MB`, `Attachments must total at most ${limits.maxTotalBytes} bytes`));
  if (errors.length) throw validationFailed(errors);
  return out;
}

export function caseworkFilePath(storeDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return path.join(storeDir, 'casework', sha256.slice(0, 2), sha256);
}

/** Writes the bytes once under their hash (write to a temporary name, then rename: never a half file). */
export function storeAttachment(storeDir: string, a: DecodedAttachment): string {
  const target = caseworkFilePath(storeDir, a.sha256);
  if (fs.existsSync(target)) return target;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, a.bytes);
  fs.renameSync(tmp, target);
  return target;
}
