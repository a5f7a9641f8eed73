import type { Cluster } from '../model/cluster.js';
import type { KubeObject } from '../model/types.js';
import { addDefaultServiceAccounts } from '../controllers/service-accounts.js';

/** Creates a project (namespace) with OpenShift's annotations and default service accounts. */
export function createProject(c: Cluster, name: string, requester: string, displayName = '', description = ''): KubeObject {
  const n = c.state.rv % 20;
  const project: KubeObject = {
    apiVersion: 'project.openshift.io/v1',
    kind: 'Project',
    metadata: {
      name,
      annotations: {
        'openshift.io/description': description,
        'openshift.io/display-name': displayName,
        'openshift.io/requester': requester,
        'openshift.io/sa.scc.mcs': `s0:c${10 + n},c${5 + n}`,
        'openshift.io/sa.scc.supplemental-groups': `${1000100000 + n * 10000}/10000`,
        'openshift.io/sa.scc.uid-range': `${1000100000 + n * 10000}/10000`,
      },
    },
    spec: { finalizers: ['openshift.io/origin', 'kubernetes'] },
    status: { phase: 'Active' },
  };
  c.stamp(project, undefined);
  c.state.namespaces[name] = { project, objects: {} };
  addDefaultServiceAccounts(c, name);
  c.dirty = true;
  return project;
}

/** The Namespace view of a project (`oc get ns`). */
export function namespaceOf(project: KubeObject): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { ...project.metadata, selfLink: `/api/v1/namespaces/${project.metadata.name}` },
    spec: project.spec,
    status: project.status,
  };
}
