import { loadRuntimeConfig } from '../config/env.js';
import { installWorkflowId } from '../shared/ids.js';
import type { InstallStatus } from '../shared/install-status.js';
import { INSTALL_PLATFORM, INSTALL_PROJECT, INSTALL_STATE } from '../shared/search-attributes.js';
import { connectClient } from '../temporal/client.js';
import type { install } from '../workflows/install.js';
import { followStatus } from './install-handle.js';
import { ProgressView } from './progress-view.js';
import { exitCodeFor, renderStatus } from './render-status.js';
import { loadSpecOrExit } from './spec-input.js';
import { startOrAttach } from './start-or-attach.js';
import { workflowLink } from './workflow-link.js';

/** Follows an install to a settled state and prints the outcome; returns the exit code. */
export async function followAndReport(client: Awaited<ReturnType<typeof connectClient>>, workflowId: string, opts: { json?: boolean; uiLink: string }): Promise<number> {
  const view = opts.json ? undefined : new ProgressView();
  let final: InstallStatus;
  try {
    final = await followStatus(client, workflowId, (s) => view?.update(s));
  } finally {
    view?.done();
  }
  if (opts.json) process.stdout.write(`${JSON.stringify(final, null, 2)}\n`);
  else process.stdout.write(`\n${renderStatus(final, { uiLink: opts.uiLink })}\n`);
  return exitCodeFor(final.state);
}

/** `amp-installer install`: returns the process exit code. */
export async function runInstall(opts: { file: string; detach?: boolean; json?: boolean }): Promise<number> {
  const { spec } = loadSpecOrExit(opts.file);
  const config = loadRuntimeConfig();
  const client = await connectClient(config);
  try {
    const workflowId = installWorkflowId(spec);
    const uiLink = workflowLink(config.uiUrl, config.namespace, workflowId);
    const attached = await startOrAttach<typeof install>(client, 'install', {
      args: [spec],
      taskQueue: config.taskQueue,
      workflowId,
      typedSearchAttributes: [
        { key: INSTALL_STATE, value: 'running' },
        { key: INSTALL_PROJECT, value: spec.openshift.project },
        { key: INSTALL_PLATFORM, value: spec.platform.type },
      ],
      staticSummary: `3scale ${spec.threescale.release} into project ${spec.openshift.project} (${spec.platform.type})`,
    });
    const how = attached ? 'Attached to the running install' : 'Started install';
    if (!opts.json) process.stdout.write(`${how} ${workflowId}\nTemporal UI: ${uiLink}\n`);
    if (opts.detach) {
      if (opts.json) process.stdout.write(`${JSON.stringify({ workflowId, attached, uiLink })}\n`);
      return 0;
    }
    return await followAndReport(client, workflowId, { json: opts.json, uiLink });
  } finally {
    await client.connection.close();
  }
}
