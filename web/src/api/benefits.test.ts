import { describe, expect, it } from 'vitest';
import { bankFileUrl } from './benefits';

describe('bankFileUrl', () => {
  it('asks for the format, the CSV encoding and one batch', () => {
    expect(bankFileUrl(7, { format: 'csv', encoding: 'gb18030' })).toBe('/api/v1/payment-rolls/7/bank-file?format=csv&encoding=gb18030');
    expect(bankFileUrl(7, { format: 'csv', encoding: 'utf8', batch: 2 })).toBe('/api/v1/payment-rolls/7/bank-file?format=csv&encoding=utf8&batch=2');
  });

  it('sends no encoding for XLSX (text cells, no character set)', () => {
    expect(bankFileUrl(7, { format: 'xlsx', encoding: 'gb18030' })).toBe('/api/v1/payment-rolls/7/bank-file?format=xlsx');
  });
});
