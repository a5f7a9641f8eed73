import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { stringify } from 'yaml';

/** Options of {@link appObjects}. */
export interface AppOptions {
  /** Recreate instead of Rolling. */
  recreate?: boolean;
  /** Add a pre-hook (failurePolicy Retry) running `/bin/true`. */
  preHook?: boolean;
  timeoutSeconds?: number;
}

/**
 * A small application shaped like one 3scale component: an ImageStream importing a public image, a claim, and an
 * image-triggered DeploymentConfig (optionally with a pre-hook) mounting the claim, with a readiness probe.
 */
export function appObjects(name: string, o: AppOptions = {}): Record<string, unknown> {
  const params = { timeoutSeconds: o.timeoutSeconds ?? 600, ...(o.preHook ? { pre: { failurePolicy: 'Retry', execNewPod: { containerName: name, command: ['/bin/true'] } } } : {}) };
  return {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      { apiVersion: 'image.openshift.io/v1', kind: 'ImageStream', metadata: { name }, spec: { tags: [{ name: '1.0', from: { kind: 'DockerImage', name: 'registry.access.redhat.com/rhscl/redis-32-rhel7:3.2' } }] } },
      { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: `${name}-data` }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
      {
        apiVersion: 'apps.openshift.io/v1',
        kind: 'DeploymentConfig',
        metadata: { name },
        spec: {
          replicas: 1,
          selector: { name },
          strategy: o.recreate ? { type: 'Recreate', recreateParams: params } : { type: 'Rolling', rollingParams: params },
          triggers: [{ type: 'ConfigChange' }, { type: 'ImageChange', imageChangeParams: { automatic: true, containerNames: [name], from: { kind: 'ImageStreamTag', name: `${name}:1.0` } } }],
          template: {
            metadata: { labels: { name } },
            spec: {
              containers: [{ name, image: ' ', readinessProbe: { tcpSocket: { port: 6379 }, initialDelaySeconds: 5, periodSeconds: 5 }, volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
              volumes: [{ name: 'data', persistentVolumeClaim: { claimName: `${name}-data` } }],
            },
          },
        },
      },
    ],
  };
}

/** Writes {@link appObjects} to a YAML file in `dir`; returns its path. */
export function writeApp(dir: string, name: string, o: AppOptions = {}): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, stringify(appObjects(name, o)));
  return file;
}
