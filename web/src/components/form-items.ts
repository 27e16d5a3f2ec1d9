// Settings the forms share for their fields, so a date or a vocabulary is held the same way on every form.
import dayjs, { type Dayjs } from 'dayjs';
import type { Bilingual, I18n } from '../i18n';

/** Spread on a Form.Item with a DatePicker: the form holds the plain calendar date ('2026-06-15') the API takes, not a Dayjs. */
export const plainDateItem = {
  getValueProps: (v?: string | null) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

/** A vocabulary's codes as a select's options, labelled in the caller's language. */
export function codeOptions<K extends string>(codes: readonly K[], labels: Record<K, Bilingual>, label: I18n['label']) {
  return codes.map((c) => ({ value: c, label: label(labels, c) }));
}
