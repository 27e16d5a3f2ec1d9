import { describe, expect, it } from 'vitest';
import { checkAttachment, DEFAULT_ATTACHMENT_LIMITS, mimeTypeOf } from './attachments';

const MB = 1024 * 1024;

describe('attachment type', () => {
  it('keeps a type the browser reported when it is one the server takes', () => {
    expect(mimeTypeOf('现场.png', 'image/png')).toBe('image/png');
    expect(mimeTypeOf('scan.PDF', 'application/pdf')).toBe('application/pdf');
  });

  it('folds aliases and falls back to the name when phones report nothing', () => {
    expect(mimeTypeOf('IMG_0001.HEIC', '')).toBe('image/heic');
    expect(mimeTypeOf('录音.m4a', 'audio/x-m4a')).toBe('audio/mp4');
    expect(mimeTypeOf('photo.jpg', 'image/jpg')).toBe('image/jpeg');
  });

  it('leaves an unsupported type as it is, so the check can name it', () => {
    expect(mimeTypeOf('动图.gif', 'image/gif')).toBe('image/gif');
  });
});

describe('attachment limits, as the server applies them', () => {
  const photo = (sizeBytes: number) => ({ fileName: 'a.jpg', mimeType: 'image/jpeg', sizeBytes });

  it('accepts an allowed file within the limits', () => {
    expect(checkAttachment(photo(2 * MB), [])).toBeNull();
  });

  it('refuses a type the server does not take, and a file over 10 MB', () => {
    expect(checkAttachment({ fileName: 'x.gif', mimeType: 'image/gif', sizeBytes: 10 }, [])).toEqual({ code: 'type', fileName: 'x.gif' });
    expect(checkAttachment(photo(DEFAULT_ATTACHMENT_LIMITS.maxFileBytes + 1), [])).toMatchObject({ code: 'size', maxMb: 10 });
    expect(checkAttachment(photo(0), [])).toMatchObject({ code: 'size' });
  });

  it('refuses the 21st file and a total over 50 MB', () => {
    expect(checkAttachment(photo(1), Array.from({ length: 20 }, () => ({ sizeBytes: 1 })))).toEqual({ code: 'count', max: 20 });
    expect(checkAttachment(photo(9 * MB), Array.from({ length: 5 }, () => ({ sizeBytes: 9 * MB })))).toEqual({ code: 'total', maxMb: 50 });
  });
});
