import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from '@jest/globals';
import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';

import type { ActivityDeps } from '../../../src/activities/deps.js';
import { cliFailure, runCli, runningChildren } from '../../../src/activities/lib/run-cli.js';
import { PROJECT_ROOT } from '../../../src/paths.js';
import { createRedactor } from '../../../src/redaction/index.js';
import { testdir } from '../../helpers/testdir.js';

const FAKE = join(PROJECT_ROOT, 'test/fixtures/bin/fake-cli.js');

function deps(overrides: Partial<ActivityDeps> = {}): ActivityDeps {
  return { cli: { oc: FAKE, minishift: FAKE }, env: { PATH: process.env.PATH }, redactor: createRedactor(null), dataDir: testdir(), ...overrides };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('runCli', () => {
  it('passes hostile values through as single arguments without a shell', async () => {
    const sentinel = join(testdir(), 'pwned');
    const hostile = [`; touch ${sentinel}`, `$(touch ${sentinel})`, '`id`', `"q'uote`, 'multi\nline', '-leading-dash'];
    const res = await runCli(deps(), { cli: 'oc', args: ['argv', ...hostile] });
    expect(res.exitCode).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual(hostile);
    expect(existsSync(sentinel)).toBe(false);
  });

  it('returns a non-zero exit with its output instead of throwing', async () => {
    const res = await runCli(deps(), { cli: 'oc', args: ['fail', '3', 'boom'] });
    expect(res).toMatchObject({ exitCode: 3, stderr: 'boom\n' });
  });

  it('throws a non-retryable CliNotFound naming the missing executable', async () => {
    const err = await runCli(deps({ cli: { oc: '/nonexistent/oc', minishift: FAKE } }), { cli: 'oc', args: ['version'] }).catch((e) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: 'CliNotFound', nonRetryable: true });
    expect(err.message).toContain('/nonexistent/oc');
  });

  it('kills a child that runs past its timeout and throws a retryable CliTimedOut', async () => {
    const pidfile = join(testdir(), 'pid');
    const err = await runCli(deps(), { cli: 'oc', args: ['sleep', '30000', pidfile], timeoutMs: 500 }).catch((e) => e);
    expect(err).toMatchObject({ type: 'CliTimedOut', nonRetryable: false });
    expect(alive(Number(readFileSync(pidfile, 'utf8')))).toBe(false);
  });

  it('kills the child when the activity is cancelled and rethrows the cancellation', async () => {
    const pidfile = join(testdir(), 'pid');
    const env = new MockActivityEnvironment();
    const run = env.run(() => runCli(deps(), { cli: 'oc', args: ['sleep', '30000', pidfile] }));
    while (!existsSync(pidfile)) await new Promise((r) => setTimeout(r, 20));
    env.cancel('CANCELLED');
    const err = await run.catch((e) => e);
    expect(err).toBeInstanceOf(CancelledFailure);
    await new Promise((r) => setTimeout(r, 100));
    expect(alive(Number(readFileSync(pidfile, 'utf8')))).toBe(false);
    expect(runningChildren()).toBe(0);
  });

  it('never shows a registered secret in the command it reports', async () => {
    const d = deps();
    const res = await runCli(d, { cli: 'oc', args: ['fail', '1', 'denied for s3cr3t-pw'], secrets: [{ value: 's3cr3t-pw', label: 'registry password' }] });
    const failure = cliFailure(d, res, 'creating the pull secret');
    expect(res.command).not.toContain('s3cr3t-pw');
    expect(failure.message).not.toContain('s3cr3t-pw');
    expect(JSON.stringify(failure.details)).not.toContain('s3cr3t-pw');
  });
});

describe('cliFailure', () => {
  const result = (stderr: string) => ({ exitCode: 1, stdout: '', stderr, command: 'oc get pods', durationMs: 1 });

  it.each([
    ['The connection to the server 192.168.42.106:8443 was refused - did you specify the right host or port?', 'ClusterUnreachable', false],
    ['Unable to connect to the server: dial tcp 192.168.42.106:8443: connect: no route to host', 'ClusterUnreachable', false],
    ['error: You must be logged in to the server (Unauthorized)', 'Unauthorized', true],
    ['Error from server (InternalError): an error on the server ("") has prevented the request from succeeding', 'ServerError', false],
    ['Error from server (NotFound): pods "x" not found', 'CliFailed', false],
  ])('classifies %j as %s (nonRetryable=%s)', (stderr, type, nonRetryable) => {
    const failure = cliFailure(deps(), result(stderr), 'listing pods');
    expect(failure.type).toBe(type);
    expect(failure.nonRetryable).toBe(nonRetryable);
    expect(failure.message).toBe(`listing pods: ${stderr}`);
  });
});
