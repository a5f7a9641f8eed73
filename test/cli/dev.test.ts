import { execa, type ResultPromise } from 'execa';
import { statSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from '@jest/globals';
import { Connection } from '@temporalio/client';

import { PROJECT_ROOT } from '../../src/paths.js';
import { freePort } from '../../src/temporal/dev-server.js';
import { runCli } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';

const serverProcesses = async (port: number) =>
  (await execa('ps', ['-eo', 'args'], { reject: false })).stdout.split('\n').filter((l) => l.includes('start-dev') && l.includes(`--port ${port}`));

// A failed assertion must not leave a dev server (or a worker) running for the rest of the suite.
const spawned: ResultPromise[] = [];
afterEach(async () => {
  for (const child of spawned.splice(0)) {
    if (child.exitCode !== null) continue;
    child.kill('SIGINT');
    await child;
  }
});

describe('amp-installer dev', () => {
  it('runs the dev server with its UI and a worker, refuses a second dev, and stops cleanly on SIGINT', async () => {
    const dataDir = testdir();
    const [port, uiPort, codecPort] = [await freePort(), await freePort(), await freePort()];
    const env = { ...process.env, AMP_DATA_DIR: dataDir, TEMPORAL_ADDRESS: undefined, AMP_CODEC_KEY: undefined };
    const ports = ['--port', String(port), '--ui-port', String(uiPort), '--codec-port', String(codecPort)];
    const dev = execa('node', [join(PROJECT_ROOT, 'bin/amp-installer.js'), 'dev', ...ports], {
      env,
      reject: false,
    });
    spawned.push(dev);
    let out = '';
    dev.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    const deadline = Date.now() + 60_000;
    while (!out.includes('Press Ctrl-C to stop.') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain(`Temporal dev server at 127.0.0.1:${port}`);
    expect(out).toContain(`Web UI: http://localhost:${uiPort}`);

    const connection = await Connection.connect({ address: `127.0.0.1:${port}` });
    // The server lists a poller once the worker's first long poll reaches it, a moment after the banner.
    const pollersSeen = async () => {
      for (const until = Date.now() + 20_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
        const { pollers } = await connection.workflowService.describeTaskQueue({ namespace: 'default', taskQueue: { name: 'amp-installer' } });
        if (pollers?.length) return pollers.length;
      }
      return 0;
    };
    expect(await pollersSeen()).toBeGreaterThan(0);
    await connection.close();
    expect((await fetch(`http://localhost:${uiPort}/`)).status).toBe(200);
    // The UI decodes payloads through our codec server; its endpoint carries the token, so only its shape is checked.
    const settings = (await (await fetch(`http://localhost:${uiPort}/api/v1/settings`)).json()) as { Codec?: { Endpoint?: string } };
    expect(settings.Codec?.Endpoint).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${codecPort}/[A-Za-z0-9_-]{20,}$`));
    expect(statSync(join(dataDir, 'codec-keyring.yaml')).mode & 0o777).toBe(0o600);

    const second = await runCli(['dev', ...ports], { env });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/amp-installer dev is already running \(pid \d+\): Temporal at 127\.0\.0\.1:\d+/);

    dev.kill('SIGINT');
    const result = await dev;
    expect(result.exitCode).toBe(0);
    expect(out).toContain('Stopped the worker and the dev server.');
    expect(await serverProcesses(port)).toEqual([]);
  });
});

describe('amp-installer worker', () => {
  it('polls the task queue of TEMPORAL_ADDRESS and stops cleanly on SIGTERM', async () => {
    const taskQueue = `worker-cli-${Date.now()}`;
    const worker = execa('node', [join(PROJECT_ROOT, 'bin/amp-installer.js'), 'worker'], {
      env: { ...process.env, AMP_TASK_QUEUE: taskQueue, AMP_DATA_DIR: testdir() },
      reject: false,
      all: true,
    });
    spawned.push(worker);
    let out = '';
    worker.all?.on('data', (d: Buffer) => (out += d.toString()));
    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    const deadline = Date.now() + 60_000;
    let pollers = 0;
    while (pollers === 0 && Date.now() < deadline) {
      const res = await connection.workflowService.describeTaskQueue({ namespace: 'default', taskQueue: { name: taskQueue } });
      pollers = res.pollers?.length ?? 0;
      if (pollers === 0) await new Promise((r) => setTimeout(r, 250));
    }
    await connection.close();
    expect(pollers).toBeGreaterThan(0);
    expect(out).toContain(`task queue "${taskQueue}"`);
    worker.kill('SIGTERM');
    expect((await worker).exitCode).toBe(0);
  });
});
