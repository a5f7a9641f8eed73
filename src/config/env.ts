import { z } from 'zod';

import { runningDev } from '../dev/dev-lock.js';
import { dataDir } from '../paths.js';
import { DEFAULT_TASK_QUEUE } from '../shared/task-queues.js';
import { UPSTREAM_TEMPLATES_REPO } from '../shared/template-source.js';

// The one place that reads process.env for configuration (the spec says what to install; this says where
// the installer itself runs). Every variable is documented in README.md § Configuration.
const EnvSchema = z.object({
  TEMPORAL_ADDRESS: z.string().min(1).default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  AMP_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
  AMP_OC: z.string().min(1).default('oc'),
  AMP_MINISHIFT: z.string().min(1).default('minishift'),
  AMP_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).max(1000).default(8),
  AMP_UI_URL: z.string().optional(),
  AMP_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(5_000),
  AMP_TEMPLATES_URL: z.url({ protocol: /^https?$/ }).default(UPSTREAM_TEMPLATES_REPO),
});

/** Where the installer runs: Temporal connection, task queue, CLIs, data folder. */
export interface RuntimeConfig {
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  cli: { oc: string; minishift: string };
  maxConcurrentActivities: number;
  dataDir: string;
  /** Base URL of the Temporal Web UI, for links. */
  uiUrl: string;
  /** How often waiting steps poll the cluster (AMP_POLL_MS). */
  pollMs: number;
  /** Where upstream templates are fetched from (AMP_TEMPLATES_URL): the upstream repository or a mirror. */
  templatesUrl: string;
}

/** Thrown when an environment variable has an invalid value; the message names the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads and checks the runtime configuration from the environment. */
export function loadRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  const e = parsed.data;
  return {
    temporalAddress: e.TEMPORAL_ADDRESS,
    namespace: e.TEMPORAL_NAMESPACE,
    taskQueue: e.AMP_TASK_QUEUE,
    cli: { oc: e.AMP_OC, minishift: e.AMP_MINISHIFT },
    maxConcurrentActivities: e.AMP_MAX_CONCURRENT_ACTIVITIES,
    dataDir: dataDir(env),
    // Links point at the Web UI of a running `amp-installer dev` on this data folder, whatever its port.
    uiUrl: e.AMP_UI_URL ?? runningDev(dataDir(env))?.uiUrl ?? 'http://localhost:8233',
    pollMs: e.AMP_POLL_MS,
    templatesUrl: e.AMP_TEMPLATES_URL,
  };
}
