import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';

import { createDataConverter, loadKeyring } from '../codec/index.js';
import type { RuntimeConfig } from '../config/env.js';

/**
 * The data converter of this process: payloads and failures encrypted with the configured keyring
 * (AMP_CODEC_KEY / AMP_CODEC_KEY_FILE, else the dev keyring `amp-installer dev` keeps in the data folder).
 */
export function processDataConverter(config: RuntimeConfig, env: NodeJS.ProcessEnv = process.env): DataConverter {
  return createDataConverter(loadKeyring(env, { dataDir: config.dataDir }));
}

/** A client for the configured Temporal server, with the codec. Close with `client.connection.close()`. */
export async function connectClient(config: RuntimeConfig, dataConverter: DataConverter = processDataConverter(config)): Promise<Client> {
  const connection = await Connection.connect({ address: config.temporalAddress });
  return new Client({ connection, namespace: config.namespace, dataConverter });
}
