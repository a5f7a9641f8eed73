import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';

import { loadRuntimeConfig } from '../config/env.js';
import type { InstallStatus } from '../shared/install-status.js';
import { abortUpdate, diagnosticsQuery, resumeUpdate } from '../shared/messages.js';
import { connectClient } from '../temporal/client.js';
import { badInput, ExitCode, ExitError } from './errors.js';
import { fetchStatus } from './install-handle.js';
import { followAndReport } from './install-command.js';
import { exitCodeFor, renderStatus } from './render-status.js';
import { showSecrets } from './show-secrets.js';
import { workflowLink } from './workflow-link.js';

async function withClient<T>(fn: (client: Client, config: ReturnType<typeof loadRuntimeConfig>) => Promise<T>): Promise<T> {
  const config = loadRuntimeConfig();
  const client = await connectClient(config);
  try {
    return await fn(client, config);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw badInput(`no install with workflow id ${err.workflowId ?? ''} (see the id printed by install)`);
    throw err;
  } finally {
    await client.connection.close();
  }
}

/** Message of a rejected update: the validator's reason. */
function updateRejection(err: unknown): string | undefined {
  if (err instanceof WorkflowUpdateFailedError) return (err.cause as Error | undefined)?.message ?? err.message;
  return undefined;
}

export async function runStatus(id: string, opts: { json?: boolean; diagnostics?: boolean; showSecrets?: boolean }): Promise<number> {
  return withClient(async (client, config) => {
    const handle = client.workflow.getHandle(id);
    const status = await fetchStatus(handle);
    if (opts.diagnostics) {
      const text = await handle.query(diagnosticsQuery).catch(() => '');
      process.stdout.write(`${text || 'No diagnostics were collected (the install has not paused).'}\n`);
      return ExitCode.Ok;
    }
    if (opts.json) process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
    else process.stdout.write(`${renderStatus(status, { uiLink: workflowLink(config.uiUrl, config.namespace, id) })}\n`);
    if (opts.showSecrets) process.stdout.write(`${await showSecrets(status, config)}\n`);
    return ExitCode.Ok;
  });
}

export async function runResume(id: string, opts: { set: string[]; detach?: boolean; json?: boolean }): Promise<number> {
  return withClient(async (client, config) => {
    const handle = client.workflow.getHandle(id);
    let status: InstallStatus;
    try {
      status = await handle.executeUpdate(resumeUpdate, { args: [{ set: opts.set }] });
    } catch (err) {
      const reason = updateRejection(err);
      if (reason) throw badInput(`resume rejected: ${reason}`);
      throw err;
    }
    if (!opts.json) process.stdout.write(`Resumed ${id} at step ${status.currentStep ?? '?'}.\n`);
    if (opts.detach) return ExitCode.Ok;
    return followAndReport(client, id, { json: opts.json, uiLink: workflowLink(config.uiUrl, config.namespace, id) });
  });
}

export async function runAbort(id: string, opts: { teardown?: boolean }): Promise<number> {
  return withClient(async (client) => {
    try {
      const status = await client.workflow.getHandle(id).executeUpdate(abortUpdate, { args: [{ teardown: opts.teardown ?? false }] });
      process.stdout.write(`${renderStatus(status)}\n`);
      return exitCodeFor(status.state) === 1 && status.state === 'aborted' ? ExitCode.Ok : exitCodeFor(status.state);
    } catch (err) {
      const reason = updateRejection(err);
      if (reason) throw new ExitError(ExitCode.BadInput, `abort rejected: ${reason}`);
      throw err;
    }
  });
}

export async function runCancel(id: string): Promise<number> {
  return withClient(async (client) => {
    const handle = client.workflow.getHandle(id);
    await handle.cancel();
    await handle.result().catch(() => undefined);
    const status = await fetchStatus(handle);
    process.stdout.write(`${renderStatus(status)}\n`);
    return status.state === 'cancelled' ? ExitCode.Ok : ExitCode.Failure;
  });
}
