import { describe, expect, it } from '@jest/globals';
import type { Payload } from '@temporalio/common';
import { defaultPayloadConverter } from '@temporalio/common';

import { AesGcmCodec, PayloadDecryptionError, UnknownCodecKeyError } from '../../src/codec/index.js';
import { bytes, freshKeys, keyringOf, text } from './helpers.js';

const SECRET = { adminPassword: 'adm1n-S3cret', token: 'tok-0123456789' };

describe('AesGcmCodec', () => {
  it('round-trips payloads and leaves no plaintext in the encoded form', async () => {
    const codec = new AesGcmCodec(keyringOf(freshKeys('k1')));
    const original = [defaultPayloadConverter.toPayload(SECRET), defaultPayloadConverter.toPayload('second')];
    const encoded = await codec.encode(original);

    expect(encoded).toHaveLength(2);
    for (const p of encoded) {
      expect(text(p.metadata?.encoding)).toBe('binary/encrypted');
      expect(text(p.metadata?.['encryption-key-id'])).toBe('k1');
      expect(Buffer.from(p.data ?? []).toString('latin1')).not.toContain(SECRET.adminPassword);
    }
    const decoded = await codec.decode(encoded);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([SECRET, 'second']);
  });

  it('uses a fresh IV each time, so equal inputs encrypt differently', async () => {
    const codec = new AesGcmCodec(keyringOf(freshKeys('k1')));
    const p = defaultPayloadConverter.toPayload('same');
    const [a, b] = await codec.encode([p, p]);
    expect(Buffer.from(a.data ?? []).equals(Buffer.from(b.data ?? []))).toBe(false);
  });

  it('passes payloads that are not binary/encrypted through decode unchanged', async () => {
    const codec = new AesGcmCodec(keyringOf(freshKeys('k1')));
    const plain: Payload = { metadata: { encoding: bytes('json/plain') }, data: bytes('{"from":"web ui"}') };
    const noMetadata: Payload = { data: bytes('raw') };
    expect(await codec.decode([plain, noMetadata])).toEqual([plain, noMetadata]);
  });

  it('rejects a tampered ciphertext with a PayloadDecryptionError naming the key', async () => {
    const codec = new AesGcmCodec(keyringOf(freshKeys('k1')));
    const [encoded] = await codec.encode([defaultPayloadConverter.toPayload(SECRET)]);
    const data = Uint8Array.from(encoded.data ?? []);
    data[data.length - 20] ^= 0x01;
    const err = await codec.decode([{ ...encoded, data }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PayloadDecryptionError);
    expect((err as Error).message).toContain('"k1"');
    expect((err as Error).message).toContain('authentication failed');
  });

  it('rejects a payload decrypted with a different key under the same id', async () => {
    const [a] = freshKeys('same-id');
    const [b] = freshKeys('same-id');
    const [encoded] = await new AesGcmCodec(keyringOf([a])).encode([defaultPayloadConverter.toPayload('x')]);
    await expect(new AesGcmCodec(keyringOf([b])).decode([encoded])).rejects.toThrow(PayloadDecryptionError);
  });

  it('fails with the key id and where keys come from when the key is not in the keyring', async () => {
    const [old, current] = freshKeys('k-2026-11', 'k-2027-01');
    const [encoded] = await new AesGcmCodec(keyringOf([old])).encode([defaultPayloadConverter.toPayload(SECRET)]);
    const err = await new AesGcmCodec(keyringOf([current], 'AMP_CODEC_KEY')).decode([encoded]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownCodecKeyError);
    expect((err as UnknownCodecKeyError).keyId).toBe('k-2026-11');
    expect((err as Error).message).toBe(
      'payload is encrypted with key "k-2026-11" which this process does not have; set AMP_CODEC_KEY_FILE to a keyring ' +
        'that contains it (this process has "k-2027-01" from AMP_CODEC_KEY)',
    );
  });

  it('encrypts with the newest key and still decrypts payloads written with an older one', async () => {
    const [a, b] = freshKeys('key-a', 'key-b');
    const [oldPayload] = await new AesGcmCodec(keyringOf([a])).encode([defaultPayloadConverter.toPayload('old')]);
    const rotated = new AesGcmCodec(keyringOf([a, b]));
    const [newPayload] = await rotated.encode([defaultPayloadConverter.toPayload('new')]);
    expect(text(newPayload.metadata?.['encryption-key-id'])).toBe('key-b');
    const decoded = await rotated.decode([oldPayload, newPayload]);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual(['old', 'new']);
  });
});
