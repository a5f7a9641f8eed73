/**
 * `npm run bench`: timing goals live here, not in tests. Measures, on this machine:
 *  - a full install of 3scale 2.4 on the simulator (AMP_SIM_SPEED 200) through a real dev server and worker,
 *    per step;
 *  - `oc get pods -o json` latency of the simulated oc on the installed cluster;
 *  - payload codec throughput.
 * Results go to stdout and test-artifacts/bench.json.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { NativeConnection } from '@temporalio/worker';
import { execa } from 'execa';

import { followStatus } from '../src/cli/install-handle.js';
import { AesGcmCodec, Keyring, parseKeyLine } from '../src/codec/index.js';
import { loadRuntimeConfig } from '../src/config/env.js';
import { loadSpecFile } from '../src/config/load-spec.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { installWorkflowId } from '../src/shared/ids.js';
import { simEnvVars } from '../src/sim/cluster/admin/env.js';
import { resetSimulator } from '../src/sim/cluster/admin/reset.js';
import { connectClient, processDataConverter } from '../src/temporal/client.js';
import { startDevServer } from '../src/temporal/dev-server.js';
import { createWorker, installRuntime } from '../src/worker.js';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'amp-bench-'));
  const simBase = { ...process.env, AMP_SIM_HOME: join(dir, 'sim') };
  const env = { ...simBase, ...simEnvVars('bench', simBase), AMP_SIM_SPEED: '200', REGISTRY_USERNAME: 'bench', REGISTRY_PASSWORD: 'bench-pw', AMP_CODEC_KEY: `bench:${randomBytes(32).toString('base64')}` };
  const fixture = join(PROJECT_ROOT, '..', 'shared', 'fixtures', '3scale-templates', 'amp-eval-tech-preview-2.4.yml');
  const loaded = loadSpecFile(join(PROJECT_ROOT, 'examples', 'minishift-2.4.yaml'));
  const spec = { ...loaded.spec!, platform: { type: 'minishift' as const, profile: 'bench', memory: '6GB', cpus: 2 }, threescale: { ...loaded.spec!.threescale, template: fixture } };
  installRuntime('WARN');
  const server = await startDevServer({ uiPort: false });
  const results: Record<string, unknown> = {};
  try {
    const config = { ...loadRuntimeConfig({ ...env, AMP_POLL_MS: '250', AMP_TASK_QUEUE: 'bench' }), temporalAddress: server.address, dataDir: join(dir, 'data') };
    const dataConverter = processDataConverter(config, env);
    const client = await connectClient(config, dataConverter);
    const connection = await NativeConnection.connect({ address: server.address });
    const worker = await createWorker({ config, connection, env, dataConverter, client });
    const running = worker.run();
    const t0 = performance.now();
    const workflowId = installWorkflowId(spec);
    await client.workflow.start('install', { args: [spec], taskQueue: 'bench', workflowId });
    const final = await followStatus(client, workflowId, () => undefined, { intervalMs: 200 });
    results.install = { state: final.state, totalMs: Math.round(performance.now() - t0), steps: Object.fromEntries(final.steps.map((s) => [s.name, s.durationMs])) };

    const latencies: number[] = [];
    for (let i = 0; i < 30; i++) {
      const s = performance.now();
      await execa('oc', ['get', 'pods', '-n', '3scale', '-o', 'json'], { env });
      latencies.push(performance.now() - s);
    }
    results.ocGetPodsMs = { n: latencies.length, p50: Math.round(pct(latencies, 50)), p95: Math.round(pct(latencies, 95)) };

    const codec = new AesGcmCodec(Keyring.fromRaw([parseKeyLine(env.AMP_CODEC_KEY, 'bench')], 'bench'));
    const payload = { metadata: { encoding: new TextEncoder().encode('json/plain') }, data: new TextEncoder().encode(JSON.stringify(spec)) };
    const n = 2000;
    const c0 = performance.now();
    for (let i = 0; i < n; i++) await codec.decode(await codec.encode([payload]));
    results.codecRoundTripsPerSecond = Math.round(n / ((performance.now() - c0) / 1000));

    worker.shutdown();
    await running;
    await connection.close();
    await client.connection.close();
  } finally {
    await server.stop();
    await resetSimulator(simBase);
  }
  const out = join(PROJECT_ROOT, 'test-artifacts');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'bench.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
