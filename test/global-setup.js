// One real Temporal dev server for the whole run (temporal-sdk.md G4: createLocal's 5 s start limit is too
// short on a loaded 2-core box). .ci/run starts one and exports TEMPORAL_ADDRESS; `npm test` alone starts
// one here (from the build that `pretest` made). Test files reach it through test/helpers/temporal.ts.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';

import { failureConverterPath } from '../lib/src/codec/index.js';
import { startDevServer } from '../lib/src/temporal/dev-server.js';
import { workflowsPath } from '../lib/src/worker.js';

export default async function globalSetup() {
  // Every client, worker and CLI child of the run encrypts payloads with this throwaway key.
  process.env.AMP_CODEC_KEY ??= `test-run:${randomBytes(32).toString('base64')}`;
  // Bundle the workflows once for every worker of the run (webpack takes seconds per bundle).
  const { code } = await bundleWorkflowCode({ workflowsPath: workflowsPath(), failureConverterPath, logger: new DefaultLogger('WARN') });
  const file = join(mkdtempSync(join(tmpdir(), 'amp-bundle-')), 'workflows.js');
  writeFileSync(file, code);
  process.env.AMP_WORKFLOW_BUNDLE = file;
  if (process.env.TEMPORAL_ADDRESS) return;
  const server = await startDevServer({});
  process.env.TEMPORAL_ADDRESS = server.address;
  if (server.uiUrl) process.env.TEMPORAL_UI_URL = server.uiUrl;
  globalThis.__ampDevServer = server;
}
