import type { ActivityDeps } from './deps.js';
import { withSession } from './lib/session.js';
import { createCollectDiagnostics } from './diagnostics/collect-diagnostics.js';
import { createInstallOutcome } from './lab/install-outcome.js';
import { createProvisionTenant } from './lab/provision-tenant.js';
import { createRemoveTenant } from './lab/remove-tenant.js';
import { createStartCluster } from './minishift/start-cluster.js';
import { createVmPower } from './minishift/vm-power.js';
import { createNotify } from './notify/notify.js';
import { createClusterSession } from './oc/cluster-session.js';
import { createConnectCluster } from './oc/connect-cluster.js';
import { createDeleteProject } from './oc/delete-project.js';
import { createEnsureProject } from './oc/ensure-project.js';
import { createEnsurePullSecret } from './oc/ensure-pull-secret.js';
import { createLogin } from './oc/login.js';
import { createPreflight } from './preflight/preflight.js';
import { createWaitForReadiness } from './readiness/wait-for-readiness.js';
import { createDeployTemplate } from './template/deploy-template.js';
import { createSmokeTest } from './threescale/smoke-test.js';
import { createCheckTools } from './tools/check-tools.js';

/**
 * The activity registry: keys are the activity type names recorded in workflow histories, so renaming one
 * breaks in-flight workflows (review it like an API change).
 */
export function createActivities(deps: ActivityDeps) {
  const pollMs = deps.pollMs ?? 5_000;
  const registry = {
    checkTools: createCheckTools(deps),
    preflight: createPreflight(deps),
    startCluster: createStartCluster(deps),
    connectCluster: createConnectCluster(deps),
    login: createLogin(deps),
    ensureProject: createEnsureProject(deps),
    ensurePullSecret: createEnsurePullSecret(deps),
    deployTemplate: createDeployTemplate(deps),
    waitForReadiness: createWaitForReadiness(deps, pollMs),
    smokeTest: createSmokeTest(deps, pollMs),
    collectDiagnostics: createCollectDiagnostics(deps),
    deleteProject: createDeleteProject(deps, pollMs),
    clusterSession: createClusterSession(deps),
    vmPower: createVmPower(deps),
    notify: createNotify(deps),
    provisionTenant: createProvisionTenant(deps, pollMs),
    removeTenant: createRemoveTenant(deps),
    installOutcome: createInstallOutcome(deps),
  };
  // An input's `session` (which cluster's kubeconfig) applies to every CLI call of the activity.
  return Object.fromEntries(Object.entries(registry).map(([name, fn]) => [name, withSession(fn as (...a: unknown[]) => Promise<unknown>)])) as typeof registry;
}

/** The activities as workflows see them (type-only import in workflow code). */
export type Activities = ReturnType<typeof createActivities>;
