// The identity a form gives its submission before sending it (a visit's clientId, an attachment's, an
// application's): made once per form and kept across retries, so the server recognises a resubmission after a
// lost connection and answers with the first record instead of making a second one.

/** A random version-4 UUID. crypto.randomUUID exists only in secure contexts (https, localhost); a county
 *  intranet served over plain http still has crypto.getRandomValues, so the UUID is built from that. */
export function newClientId(random: Pick<Crypto, 'getRandomValues'> & Partial<Pick<Crypto, 'randomUUID'>> = globalThis.crypto): string {
  if (typeof random.randomUUID === 'function') return random.randomUUID();
  const b = random.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
