/**
 * Payload encryption for amp-installer: the AES-GCM codec, keyrings (env, file, dev, rotation), the data converter
 * every worker/client/CLI uses, and the codec server for the Web UI. See docs/security.md.
 */
export { AesGcmCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA } from './aes-gcm-codec.js';
export { createDataConverter, failureConverterPath } from './data-converter.js';
export { KeyringError, KeyringNotConfiguredError, PayloadDecryptionError, UnknownCodecKeyError } from './errors.js';
export { DEFAULT_KEY_ID, KEY_BYTES, Keyring, parseKeyLine, parseKeyringText, type KeyEntry, type RawKeyEntry } from './keyring.js';
export {
  addKeyToKeyring,
  ensureDevKeyring,
  formatKeyLine,
  formatKeyringFile,
  generateKey,
  removeKeyFromKeyring,
  writeKeyringFile,
  type DevKeyring,
  type GeneratedKey,
  type KeyringChange,
} from './keyring-file.js';
export { DEV_KEYRING_FILE, devKeyringPath, loadKeyring, readKeyringFile, type LoadKeyringOptions } from './load-keyring.js';
export {
  DEFAULT_UI_ORIGINS,
  generateCodecToken,
  startCodecServer,
  type CodecServer,
  type CodecServerOptions,
} from './codec-server.js';
