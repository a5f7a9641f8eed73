import { Keyring, generateKey, type GeneratedKey } from '../../src/codec/index.js';

/** Fresh keys with the given ids, dated one second apart in the recent past, in order (the last is newest). */
export function freshKeys(...ids: string[]): GeneratedKey[] {
  const now = Date.now();
  return ids.map((id, i) => generateKey(id, new Date(now - (ids.length - i) * 1000)));
}

/** A keyring holding `keys`; the last one (newest) encrypts. */
export function keyringOf(keys: GeneratedKey[], source = 'test keyring'): Keyring {
  return Keyring.fromRaw(keys, source);
}

/** UTF-8 bytes of a string. */
export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A string from UTF-8 bytes. */
export const text = (data: Uint8Array | null | undefined): string => new TextDecoder().decode(data ?? new Uint8Array());
