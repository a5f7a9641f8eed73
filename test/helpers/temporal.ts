import { randomUUID } from 'node:crypto';

import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';

/** Address of the dev server that test/global-setup.ts started or found (TEMPORAL_ADDRESS). */
export function temporalAddress(): string {
  const address = process.env.TEMPORAL_ADDRESS;
  if (!address) throw new Error('TEMPORAL_ADDRESS is not set: test/global-setup.ts should have started a dev server');
  return address;
}

/** A client on the test dev server; close with `client.connection.close()`. */
export async function testClient(): Promise<Client> {
  const connection = await Connection.connect({ address: temporalAddress() });
  return new Client({ connection, namespace: 'default' });
}

/** A worker-side connection on the test dev server. */
export async function testNativeConnection(): Promise<NativeConnection> {
  return NativeConnection.connect({ address: temporalAddress() });
}

/** A task queue / workflow id nobody else in the run uses. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
