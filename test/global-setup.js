// One real Temporal dev server for the whole run (temporal-sdk.md G4: createLocal's 5 s start limit is too
// short on a loaded 2-core box). .ci/run starts one and exports TEMPORAL_ADDRESS; `npm test` alone starts
// one here (from the build that `pretest` made). Test files reach it through test/helpers/temporal.ts.
import { randomBytes } from 'node:crypto';

import { startDevServer } from '../lib/src/temporal/dev-server.js';

export default async function globalSetup() {
  // Every client, worker and CLI child of the run encrypts payloads with this throwaway key.
  process.env.AMP_CODEC_KEY ??= `test-run:${randomBytes(32).toString('base64')}`;
  if (process.env.TEMPORAL_ADDRESS) return;
  const server = await startDevServer({});
  process.env.TEMPORAL_ADDRESS = server.address;
  if (server.uiUrl) process.env.TEMPORAL_UI_URL = server.uiUrl;
  globalThis.__ampDevServer = server;
}
