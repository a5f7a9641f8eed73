import type { DeployTemplateOutput } from '../activities/template/deploy-template.js';
import type { SmokeTestInput } from '../activities/threescale/smoke-test.js';
import type { InstallPlugin } from '../shared/plan.js';
import { clusterInfo, wildcardDomain } from './cluster-info.js';

/** Extra step: the Echo API through the staging gateway, with 2.4's answers for no key, a bad key and a good key. */
export const smokeTestStep: InstallPlugin = {
  name: 'smoke-test',
  kind: 'step',
  appliesTo: () => true,
  steps: [
    {
      name: 'smokeTest',
      title: 'Call the Echo API through APIcast',
      activity: 'smokeTest',
      dependsOn: ['waitForReadiness'],
      when: (spec) => spec.smokeTest.enabled,
      input: (ctx): SmokeTestInput => {
        const deployed = ctx.outputs.deployTemplate as DeployTemplateOutput;
        const router = {
          address: ctx.spec.router?.address ?? clusterInfo(ctx).ip,
          httpPort: ctx.spec.router?.httpPort ?? 80,
          httpsPort: ctx.spec.router?.httpsPort ?? 443,
        };
        return {
          project: ctx.spec.openshift.project,
          wildcardDomain: wildcardDomain(ctx),
          tenant: deployed.tenant,
          adminHost: deployed.adminHost,
          router,
          serviceName: ctx.spec.smokeTest.serviceName,
          systemName: ctx.spec.smokeTest.systemName,
          backend: ctx.spec.smokeTest.backend,
          production: ctx.spec.smokeTest.production,
        };
      },
      timeout: '15m',
      heartbeatTimeout: '1m',
      retry: { maximumAttempts: 5, initialInterval: '5s' },
    },
  ],
};
