import type { Cluster } from '../model/cluster.js';
import type { KubeObject } from '../model/types.js';
import { randomSuffix, sha256Hex } from '../random.js';
import type { Controller } from './engine.js';

/** The service accounts every new project gets (origin's serviceaccounts controller). */
export const DEFAULT_SERVICE_ACCOUNTS = ['builder', 'default', 'deployer'];

function secret(c: Cluster, name: string, type: string, data: Record<string, string>, sa: KubeObject): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name,
      annotations: { 'kubernetes.io/service-account.name': sa.metadata.name, 'kubernetes.io/service-account.uid': sa.metadata.uid ?? '' },
    },
    type,
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
    __sim: { owner: sa.metadata.name },
  };
}

/** Gives a ServiceAccount its API token and internal-registry pull secret, as OpenShift's token controllers do. */
function provision(c: Cluster, ns: string, sa: KubeObject): void {
  const token = secret(c, `${sa.metadata.name}-token-${randomSuffix(c.state)}`, 'kubernetes.io/service-account-token', { token: sha256Hex(`${ns}/${sa.metadata.name}/${c.state.rng}`), namespace: ns }, sa);
  const dockercfg = secret(
    c,
    `${sa.metadata.name}-dockercfg-${randomSuffix(c.state)}`,
    'kubernetes.io/dockercfg',
    { '.dockercfg': JSON.stringify({ '172.30.1.1:5000': { username: 'serviceaccount', password: 'token', email: 'serviceaccount@example.org' } }) },
    sa,
  );
  c.add(ns, token);
  c.add(ns, dockercfg);
  sa.secrets = [...(sa.secrets ?? []), { name: dockercfg.metadata.name }, { name: token.metadata.name }];
  sa.imagePullSecrets = [...(sa.imagePullSecrets ?? []), { name: dockercfg.metadata.name }];
  sa.__sim = { provisioned: true };
  c.touch(sa);
}

/** Creates the default service accounts of a new project. */
export function addDefaultServiceAccounts(c: Cluster, ns: string): void {
  for (const name of DEFAULT_SERVICE_ACCOUNTS) c.add(ns, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } });
}

/** Provisions token and dockercfg secrets for every new ServiceAccount. */
export const serviceAccountController: Controller = (c) => {
  for (const ns of c.namespaceNames()) {
    if (c.ns(ns)!.project.status?.phase === 'Terminating') continue;
    for (const sa of c.list(ns, 'ServiceAccount')) if (!sa.__sim?.provisioned) provision(c, ns, sa);
  }
};
