/**
 * Records the workflow histories the replay test checks (test/replay/histories/*.json), by running real installs on
 * the simulator against a fresh dev server: a completed install, a paused-then-resumed one and one whose worker
 * crashed mid-way. Payloads are encrypted with the committed fixture key (test/replay/fixture-codec-key.txt: it
 * protects nothing but these fixtures). Run: `npm run record-histories` (docs/replay.md says when).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { execa } from 'execa';

import { followStatus } from '../src/cli/install-handle.js';
import { loadRuntimeConfig, type RuntimeConfig } from '../src/config/env.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { installWorkflowId } from '../src/shared/ids.js';
import { resumeUpdate } from '../src/shared/messages.js';
import { parseSpec, type InstallSpecInput } from '../src/shared/spec.js';
import { simEnvVars } from '../src/sim/cluster/admin/env.js';
import { resetSimulator } from '../src/sim/cluster/admin/reset.js';
import { connectClient, processDataConverter } from '../src/temporal/client.js';
import { startDevServer } from '../src/temporal/dev-server.js';
import { createWorker, installRuntime } from '../src/worker.js';

const OUT = join(PROJECT_ROOT, 'test', 'replay', 'histories');
const KEY = readFileSync(join(PROJECT_ROOT, 'test', 'replay', 'fixture-codec-key.txt'), 'utf8').trim();
const TEMPLATE = join(PROJECT_ROOT, '..', 'shared', 'fixtures', '3scale-templates', 'amp-eval-tech-preview-2.4.yml');
const TASK_QUEUE = 'record-histories';

function spec(profile: string, template = TEMPLATE): InstallSpecInput {
  return {
    platform: { type: 'minishift', profile, memory: '6GB', cpus: 2 },
    registry: { username: 'env:REGISTRY_USERNAME', password: 'env:REGISTRY_PASSWORD' },
    threescale: { release: '2.4.0', template },
    heartbeatTimeouts: { waitForReadiness: '3s' },
  };
}

async function save(client: Client, workflowId: string, name: string): Promise<void> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  writeFileSync(join(OUT, `${name}.json`), `${historyToJSON(history)}\n`);
  console.log(`recorded ${name}.json (${history.events?.length} events)`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'amp-record-'));
  const simBase = { ...process.env, AMP_SIM_HOME: join(dir, 'sim') };
  const env = { ...simBase, ...simEnvVars('x', simBase), AMP_SIM_SPEED: '100', AMP_CODEC_KEY: KEY, REGISTRY_USERNAME: 'u', REGISTRY_PASSWORD: 'recorded-pw', AMP_POLL_MS: '250' };
  installRuntime('WARN');
  const server = await startDevServer({ uiPort: false });
  const config: RuntimeConfig = { ...loadRuntimeConfig({ ...env, AMP_TASK_QUEUE: TASK_QUEUE }), temporalAddress: server.address, dataDir: join(dir, 'data') };
  const dataConverter = processDataConverter(config, env);
  const client = await connectClient(config, dataConverter);
  const connection = await NativeConnection.connect({ address: server.address });
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const startWorker = async () => {
    worker = await createWorker({ config, connection, env, dataConverter, client });
    running = worker.run();
  };
  const start = async (s: InstallSpecInput) => {
    const id = installWorkflowId(parseSpec(s).spec!);
    await client.workflow.start('install', { args: [s], taskQueue: TASK_QUEUE, workflowId: id });
    return id;
  };
  try {
    await startWorker();
    const completed = await start(spec('completed'));
    await followStatus(client, completed, () => undefined);
    await save(client, completed, 'completed');

    const paused = await start(spec('paused', '/nonexistent/amp.yml'));
    await followStatus(client, paused, () => undefined);
    await client.workflow.getHandle(paused).executeUpdate(resumeUpdate, { args: [{ set: [`threescale.template=${TEMPLATE}`] }] });
    await followStatus(client, paused, () => undefined);
    await save(client, paused, 'paused-resumed');

    // A worker in its own process is SIGKILLed during waitForReadiness; this process's worker finishes the install.
    worker!.shutdown();
    await running;
    const child = execa('node', [join(PROJECT_ROOT, 'lib', 'src', 'worker.js')], { env: { ...env, TEMPORAL_ADDRESS: server.address, AMP_TASK_QUEUE: TASK_QUEUE }, reject: false });
    const crashed = await start(spec('crashed'));
    await followStatus(client, crashed, () => undefined, { done: (s) => s.currentStep === 'waitForReadiness' && s.readiness.ready > 0 });
    child.kill('SIGKILL');
    await child;
    await startWorker();
    await followStatus(client, crashed, () => undefined);
    await save(client, crashed, 'crashed-recovered');
  } finally {
    worker?.shutdown();
    await running?.catch(() => undefined);
    await connection.close();
    await client.connection.close();
    await server.stop();
    await resetSimulator(simBase);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
