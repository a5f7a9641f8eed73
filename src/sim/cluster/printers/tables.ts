import type { KubeObject } from '../model/types.js';
import { podColumns } from './pod-row.js';
import { humanAgo, shortDuration, tabulate } from './tabwriter.js';

type Row = (o: KubeObject, now: number) => string[];

const age = (o: KubeObject, now: number): string => shortDuration(now - Date.parse(o.metadata.creationTimestamp ?? ''));

const MODE_ABBR: Array<[string, string]> = [['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX']];
const accessModes = (modes: string[] | undefined): string => MODE_ABBR.filter(([m]) => modes?.includes(m)).map(([, a]) => a).join(',');

function triggeredBy(dc: KubeObject): string {
  return ((dc.spec?.triggers ?? []) as Array<{ type: string; imageChangeParams?: { from?: { name?: string } } }>)
    .map((t) => (t.type === 'ConfigChange' ? 'config' : t.type === 'ImageChange' ? `image(${t.imageChangeParams?.from?.name ?? ''})` : t.type.toLowerCase()))
    .join(',');
}

function routeHost(r: KubeObject): string {
  let host: string = r.spec?.host ?? '';
  const ingress = (r.status?.ingress ?? []) as Array<{ conditions?: Array<{ type: string; status: string; reason?: string }> }>;
  let admitted = 0;
  let rejected = 0;
  let reason = '';
  for (const i of ingress) {
    const cond = i.conditions?.find((c) => c.type === 'Admitted');
    if (cond?.status === 'True') admitted++;
    else if (cond?.status === 'False') {
      rejected++;
      reason = cond.reason ?? '';
    }
  }
  if (!r.status?.ingress) return host;
  if (admitted === 0 && rejected > 0) host = reason;
  else if (rejected > 0) host = `${host} ... ${rejected} rejected`;
  else if (admitted === 0) host = 'Pending';
  return host;
}

function tags(is: KubeObject): string {
  const names = ((is.status?.tags ?? []) as Array<{ tag: string; items?: unknown[] | null }>).filter((t) => t.items?.length).map((t) => t.tag);
  names.sort((a, b) => (a === 'latest' ? -1 : b === 'latest' ? 1 : b.localeCompare(a)));
  const joined = names.join(',');
  return joined.length > 40 ? `${joined.slice(0, 40)} + more...` : joined;
}

function isUpdated(is: KubeObject, now: number): string {
  const created = ((is.status?.tags ?? []) as Array<{ items?: Array<{ created: string }> | null }>).flatMap((t) => (t.items ?? []).map((i) => Date.parse(i.created)));
  return created.length ? humanAgo(now - Math.max(...created)) : '';
}

/** Column headers and row builders per kind (kubectl 1.11 / origin 3.11 printers). */
export const TABLES: Record<string, { headers: string[]; row: Row; wide?: { headers: string[]; row: Row } }> = {
  Pod: {
    headers: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
    row: (o, now) => {
      const c = podColumns(o);
      return [o.metadata.name, c.ready, c.status, String(c.restarts), age(o, now)];
    },
    wide: {
      headers: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE'],
      row: (o, now) => {
        const c = podColumns(o);
        return [o.metadata.name, c.ready, c.status, String(c.restarts), age(o, now), o.status?.podIP ?? '<none>', o.spec?.nodeName ?? '<none>', '<none>'];
      },
    },
  },
  ReplicationController: {
    headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
    row: (o, now) => [o.metadata.name, String(o.spec?.replicas ?? 0), String(o.status?.replicas ?? 0), String(o.status?.readyReplicas ?? 0), age(o, now)],
  },
  DeploymentConfig: {
    headers: ['NAME', 'REVISION', 'DESIRED', 'CURRENT', 'TRIGGERED BY'],
    row: (o) => [o.metadata.name, String(o.status?.latestVersion ?? 0), String(o.spec?.replicas ?? 0), String(o.status?.replicas ?? 0), triggeredBy(o)],
  },
  ImageStream: {
    headers: ['NAME', 'DOCKER REPO', 'TAGS', 'UPDATED'],
    row: (o, now) => [o.metadata.name, o.status?.publicDockerImageRepository || o.status?.dockerImageRepository || '', tags(o), isUpdated(o, now)],
  },
  ImageStreamTag: {
    headers: ['NAME', 'DOCKER REF', 'UPDATED', 'IMAGENAME'],
    row: (o, now) => [o.metadata.name, o.image?.dockerImageReference ?? '', humanAgo(now - Date.parse(o.metadata.creationTimestamp ?? '')), o.image?.metadata?.name ?? ''],
  },
  PersistentVolumeClaim: {
    headers: ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'AGE'],
    row: (o, now) => [o.metadata.name, o.status?.phase ?? '', o.spec?.volumeName ?? '', o.status?.capacity?.storage ?? '', accessModes(o.status?.accessModes), o.spec?.storageClassName ?? '', age(o, now)],
  },
  PersistentVolume: {
    headers: ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'REASON', 'AGE'],
    row: (o, now) => [
      o.metadata.name,
      o.spec?.capacity?.storage ?? '',
      accessModes(o.spec?.accessModes),
      o.spec?.persistentVolumeReclaimPolicy ?? '',
      o.status?.phase ?? '',
      o.spec?.claimRef ? `${o.spec.claimRef.namespace}/${o.spec.claimRef.name}` : '',
      o.spec?.storageClassName ?? '',
      o.status?.reason ?? '',
      age(o, now),
    ],
  },
  Route: {
    headers: ['NAME', 'HOST/PORT', 'PATH', 'SERVICES', 'PORT', 'TERMINATION', 'WILDCARD'],
    row: (o) => [
      o.metadata.name,
      routeHost(o),
      o.spec?.path ?? '',
      o.spec?.to?.name ?? '',
      o.spec?.port?.targetPort !== undefined ? String(o.spec.port.targetPort) : '<all>',
      o.spec?.tls ? `${o.spec.tls.termination}${o.spec.tls.insecureEdgeTerminationPolicy ? `/${o.spec.tls.insecureEdgeTerminationPolicy}` : ''}` : '',
      o.spec?.wildcardPolicy ?? 'None',
    ],
  },
  Secret: { headers: ['NAME', 'TYPE', 'DATA', 'AGE'], row: (o, now) => [o.metadata.name, o.type ?? 'Opaque', String(Object.keys(o.data ?? {}).length), age(o, now)] },
  ConfigMap: { headers: ['NAME', 'DATA', 'AGE'], row: (o, now) => [o.metadata.name, String(Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length), age(o, now)] },
  Service: {
    headers: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
    row: (o, now) => [
      o.metadata.name,
      o.spec?.type ?? 'ClusterIP',
      o.spec?.clusterIP ?? '',
      '<none>',
      ((o.spec?.ports ?? []) as Array<{ port: number; protocol?: string }>).map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(',') || '<none>',
      age(o, now),
    ],
  },
  Event: {
    headers: ['LAST SEEN', 'FIRST SEEN', 'COUNT', 'NAME', 'KIND', 'SUBOBJECT', 'TYPE', 'REASON', 'SOURCE', 'MESSAGE'],
    row: (o, now) => [
      shortDuration(now - Date.parse(o.lastTimestamp)),
      shortDuration(now - Date.parse(o.firstTimestamp)),
      String(o.count ?? 1),
      o.involvedObject?.name ?? '',
      o.involvedObject?.kind ?? '',
      o.involvedObject?.fieldPath ?? '',
      o.type ?? '',
      o.reason ?? '',
      [o.source?.component, o.source?.host].filter(Boolean).join(', '),
      String(o.message ?? '').replace(/\n/g, ' '),
    ],
  },
  Project: {
    headers: ['NAME', 'DISPLAY NAME', 'STATUS'],
    row: (o) => [o.metadata.name, o.metadata.annotations?.['openshift.io/display-name'] ?? '', o.status?.phase ?? ''],
  },
  Namespace: { headers: ['NAME', 'STATUS', 'AGE'], row: (o, now) => [o.metadata.name, o.status?.phase ?? '', age(o, now)] },
  ServiceAccount: { headers: ['NAME', 'SECRETS', 'AGE'], row: (o, now) => [o.metadata.name, String((o.secrets ?? []).length), age(o, now)] },
  Role: { headers: ['NAME', 'AGE'], row: (o, now) => [o.metadata.name, age(o, now)] },
  RoleBinding: { headers: ['NAME', 'AGE'], row: (o, now) => [o.metadata.name, age(o, now)] },
  Template: {
    headers: ['NAME', 'DESCRIPTION', 'PARAMETERS', 'OBJECTS'],
    row: (o) => [o.metadata.name, (o.metadata.annotations?.description ?? '').slice(0, 60), `${(o.parameters ?? []).length} (all set)`, String((o.objects ?? []).length)],
  },
};

/** The human-readable table of objects of one kind (without trailing "No resources found."). */
export function renderTable(kind: string, objects: KubeObject[], now: number, opts: { wide?: boolean; withKind?: string; namespace?: boolean } = {}): string {
  const t = TABLES[kind];
  const spec = opts.wide && t.wide ? t.wide : t;
  const rows = objects.map((o) => {
    const r = spec.row(o, now);
    if (opts.withKind) r[0] = `${opts.withKind}/${r[0]}`;
    return opts.namespace ? [o.metadata.namespace ?? '', ...r] : r;
  });
  return tabulate([[...(opts.namespace ? ['NAMESPACE'] : []), ...spec.headers], ...rows]);
}
