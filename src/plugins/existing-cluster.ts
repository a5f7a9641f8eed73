import type { ConnectClusterInput } from '../activities/oc/connect-cluster.js';
import type { InstallPlugin } from '../shared/plan.js';

/** Platform: an OpenShift cluster that already runs; the worker's kubeconfig is already logged in. */
export const existingClusterPlatform: InstallPlugin = {
  name: 'existing',
  kind: 'platform',
  appliesTo: (spec) => spec.platform.type === 'existing',
  steps: [
    {
      name: 'connectCluster',
      title: 'Check the cluster login',
      activity: 'connectCluster',
      provides: 'cluster',
      dependsOn: [],
      input: ({ spec }): ConnectClusterInput => {
        if (spec.platform.type !== 'existing') throw new Error('not an existing-cluster spec');
        return { server: spec.platform.server, address: spec.platform.address ?? spec.router?.address };
      },
      timeout: '2m',
      heartbeatTimeout: '30s',
      retry: { maximumAttempts: 10, initialInterval: '3s', maximumInterval: '20s' },
    },
  ],
};
