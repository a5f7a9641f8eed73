import { webcrypto } from 'node:crypto';

import type { Payload, PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';

import { PayloadDecryptionError, UnknownCodecKeyError } from './errors.js';
import type { Keyring } from './keyring.js';

/** `metadata.encoding` of a payload this codec encrypted. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Metadata key naming the keyring entry that encrypted a payload. */
export const KEY_ID_METADATA = 'encryption-key-id';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const PayloadMessage = proto.temporal.api.common.v1.Payload;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/**
 * A Temporal {@link PayloadCodec} that encrypts each whole serialized Payload with AES-256-GCM (12-byte random IV
 * prepended) under the keyring's newest key, and decrypts with whichever key the payload names. Payloads that are
 * not `binary/encrypted` (started from the Web UI or `temporal workflow start`) pass through decode unchanged.
 */
export class AesGcmCodec implements PayloadCodec {
  private readonly cryptoKeys = new Map<string, Promise<webcrypto.CryptoKey>>();

  constructor(readonly keyring: Keyring) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const keyId = this.keyring.activeId;
    const key = await this.cryptoKey(keyId);
    return Promise.all(
      payloads.map(async (payload) => {
        const iv = webcrypto.getRandomValues(new Uint8Array(IV_BYTES));
        const plain = PayloadMessage.encode(payload).finish();
        const sealed = new Uint8Array(await webcrypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain));
        const data = new Uint8Array(IV_BYTES + sealed.length);
        data.set(iv);
        data.set(sealed, IV_BYTES);
        return { metadata: { encoding: utf8.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8.encode(keyId) }, data };
      }),
    );
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(payloads.map((payload) => this.decodeOne(payload)));
  }

  private async decodeOne(payload: Payload): Promise<Payload> {
    const encoding = payload.metadata?.encoding;
    if (!encoding || fromUtf8.decode(encoding) !== ENCRYPTED_ENCODING) return payload;
    const rawId = payload.metadata?.[KEY_ID_METADATA];
    if (!rawId) throw new PayloadDecryptionError(undefined, `the "${KEY_ID_METADATA}" metadata is missing`);
    const keyId = fromUtf8.decode(rawId);
    if (!this.keyring.has(keyId)) throw new UnknownCodecKeyError(keyId, this.keyring.ids, this.keyring.source);
    const data = payload.data ?? new Uint8Array();
    if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadDecryptionError(keyId, 'the data is too short to be AES-GCM output');
    let plain: ArrayBuffer;
    try {
      plain = await webcrypto.subtle.decrypt(
        { name: 'AES-GCM', iv: data.subarray(0, IV_BYTES) },
        await this.cryptoKey(keyId),
        data.subarray(IV_BYTES),
      );
    } catch {
      throw new PayloadDecryptionError(
        keyId,
        `authentication failed: the payload was altered, or the key "${keyId}" here is not the key that encrypted it`,
      );
    }
    return PayloadMessage.decode(new Uint8Array(plain));
  }

  private cryptoKey(id: string): Promise<webcrypto.CryptoKey> {
    let key = this.cryptoKeys.get(id);
    if (!key) {
      const material = this.keyring.material(id);
      if (!material) throw new UnknownCodecKeyError(id, this.keyring.ids, this.keyring.source);
      // Not extractable: once imported, the key cannot be read back out of the CryptoKey.
      key = webcrypto.subtle.importKey('raw', material, 'AES-GCM', false, ['encrypt', 'decrypt']);
      this.cryptoKeys.set(id, key);
    }
    return key;
  }
}
