import type { LoginInput } from '../activities/oc/login.js';
import type { StartClusterInput } from '../activities/minishift/start-cluster.js';
import type { InstallPlugin } from '../shared/plan.js';

/** Platform: a Minishift VM (`minishift start`), logged in as system:admin with the VM's own kubeconfig. */
export const minishiftPlatform: InstallPlugin = {
  name: 'minishift',
  kind: 'platform',
  appliesTo: (spec) => spec.platform.type === 'minishift',
  steps: [
    {
      name: 'startCluster',
      title: 'Start the Minishift VM',
      activity: 'startCluster',
      provides: 'cluster',
      dependsOn: [],
      input: ({ spec }): StartClusterInput => {
        if (spec.platform.type !== 'minishift') throw new Error('not a minishift spec');
        const { profile, memory, cpus, diskSize, vmDriver } = spec.platform;
        return { profile, memory, cpus, diskSize, vmDriver };
      },
      timeout: '30m',
      heartbeatTimeout: '1m',
      retry: { maximumAttempts: 3, initialInterval: '10s' },
    },
    {
      name: 'login',
      title: 'Log in as system:admin',
      activity: 'login',
      dependsOn: ['startCluster'],
      input: ({ spec }): LoginInput => ({ user: spec.openshift.user }),
      timeout: '2m',
      heartbeatTimeout: '30s',
      // The API server answers a little after the VM reports running.
      retry: { maximumAttempts: 10, initialInterval: '3s', maximumInterval: '20s' },
    },
  ],
};
