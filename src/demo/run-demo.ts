import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import type { Client } from '@temporalio/client';

import { followAndReport } from '../cli/install-command.js';
import { workflowLink } from '../cli/workflow-link.js';
import type { RuntimeConfig } from '../config/env.js';
import { loadSpecFile } from '../config/load-spec.js';
import { runDev } from '../dev/run-dev.js';
import { PROJECT_ROOT } from '../paths.js';
import { installWorkflowId } from '../shared/ids.js';
import type { InstallSpec } from '../shared/spec.js';
import { simEnvVars } from '../sim/cluster/admin/env.js';
import { resetSimulator } from '../sim/cluster/admin/reset.js';
import { routerPorts } from '../sim/router/ports.js';
import type { install } from '../workflows/install.js';
import { seedDemoTemplate } from './demo-template.js';

export interface DemoOptions {
  config: RuntimeConfig;
  fresh: boolean;
  /** AMP_SIM_SPEED of the simulated cluster (20: the ~8-minute bring-up in ~25 s). */
  speed: number;
  /** Stop the dev server and worker once the install settled (otherwise they run until Ctrl-C). */
  exitWhenDone: boolean;
  port: number;
  uiPort: number;
  codecPort: number;
  log: (line: string) => void;
}

/** The seed's install (examples/minishift-2.4.yaml) with the simulated router's ports for this user. */
function demoSpec(): InstallSpec {
  const loaded = loadSpecFile(join(PROJECT_ROOT, 'examples', 'minishift-2.4.yaml'));
  if (!loaded.spec) throw new Error(`examples/minishift-2.4.yaml is invalid: ${JSON.stringify(loaded.problems)}`);
  const ports = routerPorts();
  // A user who may not bind 80/443 gets the simulated router on 10080/10443 of the VM address.
  return ports.httpPort === 80 ? loaded.spec : { ...loaded.spec, router: { ...ports } };
}

/**
 * `npm run demo`: the embedded dev server, a worker and the simulated Minishift; installs 3scale 2.4 with the
 * seed's parameters, shows progress, prints the outputs and the Web UI link. Returns the install's exit code.
 */
export async function runDemo(opts: DemoOptions): Promise<number> {
  const { config, log } = opts;
  const simHome = join(config.dataDir, 'sim');
  const simBase = { ...process.env, AMP_SIM_HOME: simHome };
  if (opts.fresh) {
    await resetSimulator(simBase);
    log('Reset the simulator: a new VM will be created.');
  } else if (existsSync(join(simHome, 'profiles', 'minishift'))) {
    log('The simulated VM of an earlier demo is still there: this install finds the finished steps already done (use --fresh to start over).');
  }
  const template = seedDemoTemplate(config.dataDir);
  if (template.source === 'upstream') log(`No cached 3scale template: the install fetches it from upstream into ${template.cached} (network needed once).`);
  const env: NodeJS.ProcessEnv = {
    ...simBase,
    ...simEnvVars('minishift', simBase),
    AMP_SIM_SPEED: String(opts.speed),
    // The 2.4 template pulls from registry.access.redhat.com without credentials; the spec's references need values.
    REGISTRY_USERNAME: 'demo-user',
    REGISTRY_PASSWORD: randomBytes(12).toString('hex'),
  };
  const spec = demoSpec();
  const workflowId = installWorkflowId(spec);
  let code = 1;
  let finished!: () => void;
  const done = new Promise<void>((r) => (finished = r));
  await runDev({
    config,
    port: opts.port,
    uiPort: opts.uiPort,
    codecPort: opts.codecPort,
    env,
    stopWhen: opts.exitWhenDone ? done : undefined,
    // The progress view is the demo's output; worker chatter would break it up.
    logLevel: 'WARN',
    onReady: (info, client) => {
      log(`Temporal dev server at ${info.temporalAddress}; Web UI: ${info.uiUrl}`);
      void installAndFollow(client, config, spec, workflowId, info.uiUrl ?? config.uiUrl, log)
        .then((c) => (code = c))
        .catch((err: unknown) => log(`demo: ${(err as Error).message}`))
        .finally(() => {
          if (!opts.exitWhenDone) log('The dev server and the worker keep running for the Web UI. Press Ctrl-C to stop.');
          finished();
        });
    },
  });
  return code;
}

async function installAndFollow(client: Client, config: RuntimeConfig, spec: InstallSpec, workflowId: string, uiUrl: string, log: (l: string) => void): Promise<number> {
  const uiLink = workflowLink(uiUrl, config.namespace, workflowId);
  const handle = await client.workflow
    .start<typeof install>('install', {
      args: [spec],
      taskQueue: config.taskQueue,
      workflowId,
      workflowIdConflictPolicy: 'USE_EXISTING',
      staticSummary: `Demo: 3scale ${spec.threescale.release} into project ${spec.openshift.project} on the simulated Minishift`,
    });
  log(`Installing 3scale ${spec.threescale.release} (workflow ${handle.workflowId})\nTemporal UI: ${uiLink}`);
  return followAndReport(client, workflowId, { uiLink });
}
