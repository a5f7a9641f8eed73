import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { DataConverter } from '@temporalio/common';

import { AesGcmCodec } from './aes-gcm-codec.js';
import type { Keyring } from './keyring.js';

/**
 * Absolute path of the failure converter module: `lib/src/codec/failure-converter.cjs` when running built code,
 * `src/codec/failure-converter.cts` under ts-jest. The SDK `require()`s it and bundles it into workflow code.
 */
export const failureConverterPath: string = (() => {
  for (const ext of ['.cjs', '.cts']) {
    const candidate = fileURLToPath(new URL(`./failure-converter${ext}`, import.meta.url));
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`amp-installer: failure-converter module not found next to ${fileURLToPath(import.meta.url)}`);
})();

/**
 * The one data converter for the worker, the client and every CLI command: payloads and failures encrypted with
 * `keyring`. Pass the same object to `Worker.create({ dataConverter })` and `new Client({ dataConverter })`.
 */
export function createDataConverter(keyring: Keyring): DataConverter {
  return { payloadCodecs: [new AesGcmCodec(keyring)], failureConverterPath };
}
