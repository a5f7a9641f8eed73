/** How the API names one kind: what `oc get`, error messages and name printers need. */
export interface ResourceInfo {
  kind: string;
  /** Plural resource name (`deploymentconfigs`). */
  plural: string;
  /** API group, '' for the core group. */
  group: string;
  version: string;
  /** Extra names `oc get` accepts (singular and short names). */
  aliases: string[];
  namespaced: boolean;
}

const R = (kind: string, plural: string, group: string, aliases: string[], namespaced = true, version = 'v1'): ResourceInfo => ({
  kind,
  plural,
  group,
  version,
  aliases,
  namespaced,
});

/** The resources the simulated API server serves. */
export const RESOURCES: readonly ResourceInfo[] = [
  R('Pod', 'pods', '', ['pod', 'po']),
  R('Service', 'services', '', ['service', 'svc']),
  R('ConfigMap', 'configmaps', '', ['configmap', 'cm']),
  R('Secret', 'secrets', '', ['secret']),
  R('PersistentVolumeClaim', 'persistentvolumeclaims', '', ['persistentvolumeclaim', 'pvc']),
  R('PersistentVolume', 'persistentvolumes', '', ['persistentvolume', 'pv'], false),
  R('ReplicationController', 'replicationcontrollers', '', ['replicationcontroller', 'rc']),
  R('Event', 'events', '', ['event', 'ev']),
  R('ServiceAccount', 'serviceaccounts', '', ['serviceaccount', 'sa']),
  R('Namespace', 'namespaces', '', ['namespace', 'ns'], false),
  R('DeploymentConfig', 'deploymentconfigs', 'apps.openshift.io', ['deploymentconfig', 'dc']),
  R('ImageStream', 'imagestreams', 'image.openshift.io', ['imagestream', 'is']),
  R('ImageStreamTag', 'imagestreamtags', 'image.openshift.io', ['imagestreamtag', 'istag']),
  R('Route', 'routes', 'route.openshift.io', ['route']),
  R('Project', 'projects', 'project.openshift.io', ['project'], false),
  R('Template', 'templates', 'template.openshift.io', ['template']),
  R('Role', 'roles', 'rbac.authorization.k8s.io', ['role']),
  R('RoleBinding', 'rolebindings', 'rbac.authorization.k8s.io', ['rolebinding']),
];

/** The resource of an API kind, or undefined when the simulated server does not know it. */
export function resourceForKind(kind: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.kind === kind);
}

/** Resolves what a user typed after `oc get` (`dc`, `pods`, `routes.route.openshift.io` …). */
export function resourceForName(name: string): ResourceInfo | undefined {
  const lower = name.toLowerCase();
  return RESOURCES.find(
    (r) => r.plural === lower || r.aliases.includes(lower) || `${r.plural}.${r.group}` === lower || `${r.aliases[0]}.${r.group}` === lower,
  );
}

/** `apps.openshift.io/v1` or `v1`. */
export function apiVersionOf(r: ResourceInfo): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** The qualified plural used in API errors: `deploymentconfigs.apps.openshift.io`, `services`. */
export function qualifiedPlural(r: ResourceInfo): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

/** The qualified lower-case kind used by name printers: `deploymentconfig.apps.openshift.io`, `service`. */
export function qualifiedKind(r: ResourceInfo): string {
  const k = r.kind.toLowerCase();
  return r.group ? `${k}.${r.group}` : k;
}

/** `/apis/apps.openshift.io/v1/namespaces/3scale/deploymentconfigs/x`, as 1.11 fills metadata.selfLink. */
export function selfLink(r: ResourceInfo, namespace: string | undefined, name: string): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  return r.namespaced && namespace ? `${base}/namespaces/${namespace}/${r.plural}/${name}` : `${base}/${r.plural}/${name}`;
}
