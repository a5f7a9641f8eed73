import { join } from 'node:path';

import type { Client } from '@temporalio/client';
import { WorkflowFailedError } from '@temporalio/client';
import { stringify } from 'yaml';

import { HttpClient } from '../../src/activities/lib/http-client.js';
import { createRedactor } from '../../src/redaction/index.js';
import { labCredentialsQuery, labStatusQuery } from '../../src/shared/lab-messages.js';
import { labWorkflowId, type LabSpecInput } from '../../src/shared/lab-spec.js';
import type { LabStatus, StudentCredentials } from '../../src/shared/lab-status.js';
import { LAB_NAME } from '../../src/shared/search-attributes.js';
import { vmIp } from '../../src/sim/cluster/vm-ip.js';
import type { lab } from '../../src/workflows/lab.js';
import { runCli } from '../helpers/cli.js';
import type { Harness } from '../helpers/install-harness.js';
import { simSpec } from '../helpers/install-harness.js';
import type { SimWorld } from '../helpers/sim.js';
import { testdir } from '../helpers/testdir.js';

/** A lab spec for the simulator: its install on `profile` (the shared VM, or the template of the students' VMs). */
export function labSpec(name: string, layout: 'tenants' | 'installs', profile: string, overrides: Partial<LabSpecInput> = {}): LabSpecInput {
  return { name, layout, students: { count: 2 }, concurrency: 2, ttl: '1h', install: simSpec(profile, { openshift: { user: 'system:admin', project: `${name}-3scale` } }), ...overrides };
}

/** Starts a lab workflow on the harness's task queue (as `lab up` does); returns its workflow id. */
export async function startLab(h: Harness, spec: LabSpecInput): Promise<string> {
  const workflowId = labWorkflowId(spec.name);
  await h.client.workflow.start<typeof lab>('lab', { args: [spec], taskQueue: h.taskQueue, workflowId, typedSearchAttributes: [{ key: LAB_NAME, value: spec.name }] });
  return workflowId;
}

/** The lab's status: the query while it runs, its result once it has ended. */
export async function labStatus(client: Client, workflowId: string): Promise<LabStatus> {
  const handle = client.workflow.getHandle(workflowId);
  const desc = await handle.describe();
  if (desc.status.name === 'RUNNING') return handle.query(labStatusQuery);
  try {
    return (await handle.result()) as LabStatus;
  } catch (err) {
    if (err instanceof WorkflowFailedError) throw new Error(`lab ${workflowId} failed: ${err.cause?.message ?? err.message}`, { cause: err });
    throw err;
  }
}

/** Polls the lab until `done` (or fails with its last status after `timeoutMs`). */
export async function waitForLab(client: Client, workflowId: string, done: (s: LabStatus) => boolean, timeoutMs = 150_000): Promise<LabStatus> {
  const deadline = Date.now() + timeoutMs;
  let last: LabStatus | undefined;
  while (Date.now() < deadline) {
    last = await labStatus(client, workflowId).catch(() => last);
    if (last && done(last)) return last;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`lab ${workflowId} did not get there in ${timeoutMs} ms; last: ${JSON.stringify(last ? { state: last.state, shared: last.shared?.state, students: last.students.map((s) => [s.name, s.state, s.error?.message]) } : undefined)}`);
}

/** Every student's credentials (the lab's `credentials` query). */
export function credentials(client: Client, workflowId: string): Promise<Record<string, StudentCredentials>> {
  return client.workflow.getHandle(workflowId).query(labCredentialsQuery);
}

/** The simulated VM address of a profile: every route host of it is reached through there. */
export function vmAddress(world: SimWorld, profile: string): string {
  return vmIp(world.home, profile);
}

/** An HTTP client that reaches the profile's routes (route hosts do not resolve offline). */
export function routerClient(world: SimWorld, profile: string): HttpClient {
  return new HttpClient(createRedactor(null), { address: vmAddress(world, profile), httpPort: 80, httpsPort: 443 });
}

/** The largest number of intervals that overlap at any instant. */
export function maxOverlap(intervals: Array<[number, number]>): number {
  const edges = intervals.flatMap(([a, b]) => [[a, 1] as const, [b, -1] as const]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let open = 0;
  let max = 0;
  for (const [, d] of edges) max = Math.max(max, (open += d));
  return max;
}

/** Per student, the first and last journal time of the entries `matches` picks for that student. */
export function journalIntervals(journal: Array<Record<string, unknown>>, students: string[], matches: (e: Record<string, unknown>, student: string) => boolean): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const s of students) {
    const times = journal.filter((e) => matches(e, s)).map((e) => Date.parse(String(e.t)));
    if (times.length > 0) out.set(s, [Math.min(...times), Math.max(...times)]);
  }
  return out;
}

/** Runs `amp-installer lab …` against the test dev server on the harness's task queue. */
export function labCli(args: string[], taskQueue: string, world?: SimWorld) {
  return runCli(['lab', ...args], { env: { ...(world?.env ?? process.env), AMP_TASK_QUEUE: taskQueue }, timeoutMs: 180_000 });
}

/** A lab spec file (YAML) in a fresh temp folder. */
export function labFile(spec: LabSpecInput): string {
  return join(testdir({ 'lab.yaml': stringify(spec) }), 'lab.yaml');
}
