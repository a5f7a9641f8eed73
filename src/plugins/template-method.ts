import type { DeployTemplateInput, DeployTemplateOutput } from '../activities/template/deploy-template.js';
import type { EnsureProjectInput } from '../activities/oc/ensure-project.js';
import type { EnsurePullSecretInput } from '../activities/oc/ensure-pull-secret.js';
import type { WaitForReadinessInput } from '../activities/readiness/wait-for-readiness.js';
import type { InstallPlugin } from '../shared/plan.js';
import { wildcardDomain } from './cluster-info.js';

/** Install method: the 3scale OpenShift template (`oc new-app -f amp-eval-tech-preview.yml`). */
export const templateMethod: InstallPlugin = {
  name: 'template',
  kind: 'method',
  appliesTo: () => true,
  steps: [
    {
      name: 'ensureProject',
      title: 'Create the project',
      activity: 'ensureProject',
      dependsOn: [],
      input: ({ spec }): EnsureProjectInput => ({ project: spec.openshift.project }),
      timeout: '5m',
      heartbeatTimeout: '30s',
      // A project of the same name that is still being deleted goes away within minutes.
      retry: { maximumAttempts: 30, initialInterval: '5s', maximumInterval: '30s' },
    },
    {
      name: 'ensurePullSecret',
      title: 'Create the registry pull secret',
      activity: 'ensurePullSecret',
      dependsOn: ['ensureProject'],
      when: (spec) => spec.registry !== undefined,
      input: ({ spec }): EnsurePullSecretInput => ({
        project: spec.openshift.project,
        secretName: spec.registry!.secretName,
        server: spec.registry!.server,
        username: spec.registry!.username,
        password: spec.registry!.password,
        template: spec.threescale.template,
        release: spec.threescale.release,
      }),
      timeout: '5m',
      heartbeatTimeout: '30s',
      retry: { maximumAttempts: 5 },
    },
    {
      name: 'deployTemplate',
      title: 'Deploy the 3scale template',
      activity: 'deployTemplate',
      dependsOn: ['ensureProject'],
      input: (ctx): DeployTemplateInput => ({
        project: ctx.spec.openshift.project,
        template: ctx.spec.threescale.template,
        release: ctx.spec.threescale.release,
        wildcardDomain: wildcardDomain(ctx),
        parameters: ctx.spec.threescale.parameters,
      }),
      timeout: '15m',
      heartbeatTimeout: '1m',
      retry: { maximumAttempts: 5 },
    },
    {
      name: 'waitForReadiness',
      title: 'Wait for the DeploymentConfigs',
      activity: 'waitForReadiness',
      dependsOn: ['deployTemplate'],
      input: (ctx): WaitForReadinessInput => {
        const deployed = ctx.outputs.deployTemplate as DeployTemplateOutput;
        return {
          project: ctx.spec.openshift.project,
          deploymentConfigs: deployed.deploymentConfigs,
          workflowId: ctx.workflowId,
          // After a pause, a rollout that failed meanwhile is retried (`oc rollout retry`) instead of reported again.
          retryFailedRollouts: ctx.resumes > 0,
        };
      },
      timeout: '40m',
      heartbeatTimeout: '1m',
      // Hopeless states fail at once (non-retryable types); a crashed worker's attempt resumes from its heartbeat.
      retry: { maximumAttempts: 3, initialInterval: '5s' },
    },
  ],
};
