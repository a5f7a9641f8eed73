import { randomBytes } from 'node:crypto';

import { describe, expect, it } from '@jest/globals';

import type { InstallStatus } from '../../src/shared/install-status.js';
import { installWorkflowId } from '../../src/shared/ids.js';
import { parseSpec } from '../../src/shared/spec.js';
import { runCli } from '../helpers/cli.js';
import { simSpec, useHarness, waitForInstall } from '../helpers/install-harness.js';
import { simWorld } from '../helpers/sim.js';
import { uniqueId } from '../helpers/temporal.js';
import { leaksIn } from './helpers/secrets.js';
import { rawHistory, startPlain, type ShownEvent } from './helpers/temporal-cli.js';

const REGISTRY_PASSWORD = `Reg-S3ntinel-${randomBytes(6).toString('hex')}`;
const world = simWorld({ speed: 200, extraEnv: { TEST_REGISTRY_USER: 'plain-user', TEST_REGISTRY_PASSWORD: REGISTRY_PASSWORD } });
const h = useHarness(world);

const cli = (args: string[]) => runCli(args, { env: { ...world.env, TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS } });

/** A payload as `temporal workflow show --output json` prints it: metadata values and data in base64. */
interface ShownPayload {
  metadata: Record<string, string>;
  data: string;
}
const fromBase64 = (text: string) => Buffer.from(text, 'base64').toString('utf8');
const startedInput = (events: ShownEvent[]) =>
  (events[0].workflowExecutionStartedEventAttributes as { input: { payloads: ShownPayload[] } }).input.payloads[0];

describe('installs started with a plain JSON input, as the Web UI starts them', () => {
  it('runs to installed; the input is stored in clear, and it holds references only, never the password', async () => {
    const spec = simSpec('plain-json');
    const id = installWorkflowId(parseSpec(spec).spec!);
    await startPlain({ type: 'install', taskQueue: h.taskQueue, workflowId: id, input: spec });
    const status = await waitForInstall(h.client, id);
    expect({ state: status.state, pause: status.pause?.error }).toEqual({ state: 'installed', pause: undefined });

    const history = await rawHistory(id);
    const input = startedInput(history.events);
    expect(fromBase64(input.metadata.encoding)).toBe('json/plain');
    expect(JSON.parse(fromBase64(input.data))).toEqual(spec);
    // What the workflow itself writes (its result, the activities' inputs and results) is encrypted all the same.
    const completed = history.events.at(-1)!;
    expect(completed.eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED');
    const result = (completed.workflowExecutionCompletedEventAttributes as { result: { payloads: ShownPayload[] } }).result.payloads[0];
    expect(fromBase64(result.metadata.encoding)).toBe('binary/encrypted');
    expect(leaksIn(history.text, [{ label: 'registry password', value: REGISTRY_PASSWORD }])).toEqual([]);
  });

  it('fails an invalid spec with every problem in its status, without echoing values or failing a workflow task', async () => {
    const inline = `inline-Secret-${randomBytes(4).toString('hex')}`;
    const id = uniqueId('install-invalid');
    const input = {
      platform: { type: 'minishift', profile: 'Not_A_Label' },
      registry: { username: 'plain-user', password: inline },
      threescale: { release: '3.0', parameters: { lower_case: 'x' } },
    };
    await startPlain({ type: 'install', taskQueue: h.taskQueue, workflowId: id, input });
    await expect(h.client.workflow.getHandle(id).result()).rejects.toThrow();

    const json = await cli(['status', id, '--json']);
    expect(json.code).toBe(0);
    const status = JSON.parse(json.stdout) as InstallStatus;
    expect(status.state).toBe('failed');
    expect(status.specProblems).toEqual([
      expect.stringMatching(/^platform\.profile: must be a DNS-1123 label/),
      expect.stringMatching(/^registry\.password: inline secrets are not accepted; reference the value instead: env:NAME/),
      expect.stringMatching(/^threescale\.release: must be a 3scale 2\.x release/),
      // zod 4 reports a bad record key as "Invalid key in record", not with the schema's own message (reported).
      expect.stringMatching(/^threescale\.parameters\.lower_case: /),
    ]);
    expect(json.stdout).not.toContain(inline);
    const text = await cli(['status', id]);
    expect(text.stdout).toContain('Invalid spec:\n  platform.profile: must be a DNS-1123 label');

    const types = (await rawHistory(id)).events.map((e) => e.eventType);
    expect(types).not.toContain('EVENT_TYPE_WORKFLOW_TASK_FAILED');
    expect(types.at(-1)).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_FAILED');
  });
});
