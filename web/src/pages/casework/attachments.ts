// Photos and documents picked on a tablet or phone, checked here before anything is sent (the server checks
// again, by the files' first bytes): allowed types, size per file, count and total, from the same limits the
// server applies (DEFAULT_ATTACHMENT_LIMITS). Each file gets its own UUID when picked, kept across retries.
import { DEFAULT_ATTACHMENT_LIMITS, type AttachmentLimits } from '../../../../src/casework/domain/visit';
import type { AttachmentUpload } from '../../api/casework';
import { newClientId } from './client-id';

export { DEFAULT_ATTACHMENT_LIMITS };

const BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', heic: 'image/heic', heif: 'image/heic',
  pdf: 'application/pdf', m4a: 'audio/mp4', mp3: 'audio/mpeg',
};
const ALIASES: Record<string, string> = { 'image/jpg': 'image/jpeg', 'image/heif': 'image/heic', 'audio/x-m4a': 'audio/mp4', 'audio/m4a': 'audio/mp4', 'audio/mp3': 'audio/mpeg' };

/** What the file picker offers: images open the camera on phones; the rest are the allowed documents. */
export const ACCEPT = 'image/*,.heic,.pdf,application/pdf,.m4a,.mp3,audio/mp4,audio/mpeg';

/** The type to declare: the browser's when it knows one we accept (aliases folded), else from the name.
 *  Many phones report '' for HEIC photos and 'audio/x-m4a' for voice notes. */
export function mimeTypeOf(fileName: string, browserType: string, limits: AttachmentLimits = DEFAULT_ATTACHMENT_LIMITS): string {
  const declared = ALIASES[browserType.toLowerCase()] ?? browserType.toLowerCase();
  if (limits.allowedTypes.includes(declared)) return declared;
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return BY_EXTENSION[ext] ?? declared;
}

export type AttachmentProblem =
  | { code: 'type'; fileName: string }
  | { code: 'size'; fileName: string; maxMb: number }
  | { code: 'count'; max: number }
  | { code: 'total'; maxMb: number };

const mb = (bytes: number) => bytes / 1024 / 1024;

/** Whether one more file may join those already picked; the first problem found, or null. */
export function checkAttachment(
  file: { fileName: string; mimeType: string; sizeBytes: number },
  picked: readonly { sizeBytes: number }[],
  limits: AttachmentLimits = DEFAULT_ATTACHMENT_LIMITS,
): AttachmentProblem | null {
  if (!limits.allowedTypes.includes(file.mimeType)) return { code: 'type', fileName: file.fileName };
  if (file.sizeBytes <= 0 || file.sizeBytes > limits.maxFileBytes) return { code: 'size', fileName: file.fileName, maxMb: mb(limits.maxFileBytes) };
  if (picked.length + 1 > limits.maxCount) return { code: 'count', max: limits.maxCount };
  const total = picked.reduce((s, f) => s + f.sizeBytes, 0) + file.sizeBytes;
  if (total > limits.maxTotalBytes) return { code: 'total', maxMb: mb(limits.maxTotalBytes) };
  return null;
}

/** The file's bytes as base64, the way the API takes attachments (inside the one JSON submission). */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export async function toUpload(file: File, mimeType: string): Promise<AttachmentUpload> {
  return { clientId: newClientId(), fileName: file.name.slice(0, 200) || 'file', mimeType, sizeBytes: file.size, contentBase64: await readAsBase64(file) };
}
