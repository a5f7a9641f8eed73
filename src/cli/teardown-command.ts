import { WorkflowFailedError } from '@temporalio/client';

import { loadRuntimeConfig } from '../config/env.js';
import { installWorkflowId, teardownWorkflowId } from '../shared/ids.js';
import { connectClient } from '../temporal/client.js';
import type { rebuild } from '../workflows/rebuild.js';
import type { teardown } from '../workflows/teardown.js';
import { ExitCode, ExitError, type ExitCode as Code } from './errors.js';
import { followAndReport } from './install-command.js';
import { loadSpecOrExit } from './spec-input.js';
import { workflowLink } from './workflow-link.js';

export async function runTeardown(opts: { file: string; vm: 'keep' | 'stop' | 'delete' }): Promise<void> {
  const { spec } = loadSpecOrExit(opts.file);
  const config = loadRuntimeConfig();
  const client = await connectClient(config);
  try {
    const workflowId = teardownWorkflowId(spec);
    process.stdout.write(`Tearing down project ${spec.openshift.project} (${workflowId})\n`);
    const result = await client.workflow.execute<typeof teardown>('teardown', {
      args: [spec, { vm: opts.vm }],
      taskQueue: config.taskQueue,
      workflowId,
      workflowIdConflictPolicy: 'USE_EXISTING',
      staticSummary: `Teardown of project ${spec.openshift.project}`,
    });
    process.stdout.write(`Project ${result.project}: ${result.projectAction}; VM ${result.vm}.\n`);
  } catch (err) {
    if (err instanceof WorkflowFailedError) throw new ExitError(ExitCode.Failure, `teardown failed: ${err.cause?.message ?? err.message}`);
    throw err;
  } finally {
    await client.connection.close();
  }
}

export async function runRebuild(opts: { file: string; vm: 'keep' | 'stop' | 'delete'; json?: boolean }): Promise<void> {
  const { spec } = loadSpecOrExit(opts.file);
  const config = loadRuntimeConfig();
  const client = await connectClient(config);
  try {
    const installId = installWorkflowId(spec);
    const workflowId = `rebuild-${installId.replace(/^install-/, '')}`;
    await client.workflow.start<typeof rebuild>('rebuild', {
      args: [spec, { vm: opts.vm }],
      taskQueue: config.taskQueue,
      workflowId,
      workflowIdConflictPolicy: 'USE_EXISTING',
      staticSummary: `Rebuild of project ${spec.openshift.project}`,
    });
    if (!opts.json) process.stdout.write(`Rebuilding ${spec.openshift.project} (${workflowId}); the install runs as ${installId}\n`);
    // Wait until the teardown is done and the new install has started, then follow the install.
    const handle = client.workflow.getHandle(workflowId);
    for (;;) {
      const desc = await handle.describe();
      const children = await client.workflow.getHandle(installId).describe().catch(() => undefined);
      if (children && children.startTime >= desc.startTime) break;
      if (desc.status.name !== 'RUNNING') break;
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const code = await followAndReport(client, installId, { json: opts.json, uiLink: workflowLink(config.uiUrl, config.namespace, installId) });
    if (code !== 0) throw new ExitError(code as Code);
  } finally {
    await client.connection.close();
  }
}
