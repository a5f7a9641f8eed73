import { WorkflowFailedError, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';

import { loadRuntimeConfig, type RuntimeConfig } from '../config/env.js';
import { labStatusQuery } from '../shared/lab-messages.js';
import { labWorkflowId } from '../shared/lab-spec.js';
import type { LabStatus } from '../shared/lab-status.js';
import { LAB_NAME } from '../shared/search-attributes.js';
import { connectClient } from '../temporal/client.js';
import type { lab } from '../workflows/lab.js';
import { badInput, ExitCode, ExitError } from './errors.js';
import { LAB_SETTLED, labExitCode, LabProgressView, renderLabStatus } from './lab-render.js';
import { loadLabSpecOrExit } from './lab-spec-input.js';
import { startOrAttach } from './start-or-attach.js';
import { workflowLink } from './workflow-link.js';

/** Runs `fn` with a client; an unknown lab is bad input, a rejected update says why (exit 2). */
export async function withLabClient<T>(name: string, fn: (client: Client, config: RuntimeConfig) => Promise<T>): Promise<T> {
  const config = loadRuntimeConfig();
  const client = await connectClient(config);
  try {
    return await fn(client, config);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw badInput(`no lab ${name} (workflow ${labWorkflowId(name)})`);
    if (err instanceof WorkflowUpdateFailedError) throw badInput(`rejected: ${(err.cause as Error | undefined)?.message ?? err.message}`);
    throw err;
  } finally {
    await client.connection.close();
  }
}

/** The lab's status: the query while it runs, its result once it has ended. */
export async function fetchLabStatus(client: Client, name: string): Promise<LabStatus> {
  const handle = client.workflow.getHandle(labWorkflowId(name));
  const desc = await handle.describe();
  if (desc.status.name === 'RUNNING') return handle.query(labStatusQuery);
  try {
    return (await handle.result()) as LabStatus;
  } catch (err) {
    if (err instanceof WorkflowFailedError) throw new ExitError(ExitCode.Failure, `lab ${name} failed: ${err.cause?.message ?? err.message}`);
    throw new ExitError(ExitCode.Failure, `lab ${name} is ${desc.status.name.toLowerCase()}`);
  }
}

/** Polls the lab until `done` (default: a settled state), showing per-student progress; prints the final status. */
export async function followLab(client: Client, config: RuntimeConfig, name: string, opts: { json?: boolean; done?: (s: LabStatus) => boolean } = {}): Promise<LabStatus> {
  const view = opts.json ? undefined : new LabProgressView();
  const done = opts.done ?? ((s: LabStatus) => LAB_SETTLED.has(s.state));
  let status: LabStatus;
  try {
    for (;;) {
      status = await fetchLabStatus(client, name);
      view?.update(status);
      if (done(status)) break;
      await new Promise((r) => setTimeout(r, 1_000));
    }
  } finally {
    view?.done();
  }
  if (opts.json) process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
  else process.stdout.write(`\n${renderLabStatus(status, { uiLink: workflowLink(config.uiUrl, config.namespace, labWorkflowId(name)) })}\n`);
  return status;
}

/** `amp-installer lab up`: starts (or attaches to) the lab and follows it until ready or paused; returns the exit code. */
export async function runLabUp(opts: { file: string; detach?: boolean; json?: boolean }): Promise<number> {
  const spec = loadLabSpecOrExit(opts.file);
  return withLabClient(spec.name, async (client, config) => {
    const workflowId = labWorkflowId(spec.name);
    const attached = await startOrAttach<typeof lab>(client, 'lab', {
      args: [spec],
      taskQueue: config.taskQueue,
      workflowId,
      typedSearchAttributes: [{ key: LAB_NAME, value: spec.name }],
      staticSummary: `Lab ${spec.name}: ${spec.layout}, TTL ${spec.ttl}`,
    });
    const uiLink = workflowLink(config.uiUrl, config.namespace, workflowId);
    if (!opts.json) process.stdout.write(`${attached ? 'Attached to the running lab' : 'Started lab'} ${workflowId}\nTemporal UI: ${uiLink}\n`);
    if (opts.detach) {
      if (opts.json) process.stdout.write(`${JSON.stringify({ workflowId, attached, uiLink })}\n`);
      return ExitCode.Ok;
    }
    return labExitCode(await followLab(client, config, spec.name, { json: opts.json }));
  });
}

/** `amp-installer lab status NAME`. */
export async function runLabStatus(name: string, opts: { json?: boolean }): Promise<number> {
  return withLabClient(name, async (client, config) => {
    const status = await fetchLabStatus(client, name);
    if (opts.json) process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
    else process.stdout.write(`${renderLabStatus(status, { uiLink: workflowLink(config.uiUrl, config.namespace, labWorkflowId(name)) })}\n`);
    return ExitCode.Ok;
  });
}
