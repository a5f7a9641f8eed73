import type { Cluster } from '../model/cluster.js';
import type { KubeObject } from '../model/types.js';

/** True when `at` has come; otherwise asks the engine to wake at `at`. Every timer goes through here. */
export function due(c: Cluster, at: number | undefined): boolean {
  if (at === undefined) return false;
  if (c.now >= at) return true;
  c.wake(at);
  return false;
}

/** Seconds → ms. */
export const sec = (s: number): number => Math.round(s * 1000);

/** True when the selector's labels are all on `labels`. */
export function matchesSelector(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** A pod's Ready condition is True (every container ready) and it is not being deleted. */
export function podReady(pod: KubeObject): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  return (pod.status?.conditions ?? []).some((cond: { type: string; status: string }) => cond.type === 'Ready' && cond.status === 'True');
}

/** True when a Service selects at least one Ready pod (it has a ready endpoint). */
export function serviceReady(c: Cluster, ns: string, service: string): boolean {
  const svc = c.get(ns, 'Service', service);
  if (!svc) return false;
  return c.list(ns, 'Pod').some((p) => matchesSelector(svc.spec?.selector, p.metadata.labels) && podReady(p));
}

/** Decoded value of a Secret key (data is base64), or undefined. */
export function secretValue(c: Cluster, ns: string, name: string, key: string): string | undefined {
  const s = c.get(ns, 'Secret', name);
  const raw = s?.data?.[key];
  return typeof raw === 'string' ? Buffer.from(raw, 'base64').toString('utf8') : undefined;
}

/** Value of a ConfigMap key, or undefined. */
export function configMapValue(c: Cluster, ns: string, name: string, key: string): string | undefined {
  const v = c.get(ns, 'ConfigMap', name)?.data?.[key];
  return typeof v === 'string' ? v : undefined;
}

/** An env var as a container sees it: literal value or resolved secretKeyRef/configMapKeyRef. */
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string; key: string } };
}

/** Resolves a container's env to name → value (unresolvable references are left out). */
export function resolveEnv(c: Cluster, ns: string, env: EnvVar[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of env ?? []) {
    let v: string | undefined = e.value;
    if (e.valueFrom?.secretKeyRef) v = secretValue(c, ns, e.valueFrom.secretKeyRef.name, e.valueFrom.secretKeyRef.key);
    else if (e.valueFrom?.configMapKeyRef) v = configMapValue(c, ns, e.valueFrom.configMapKeyRef.name, e.valueFrom.configMapKeyRef.key);
    if (v !== undefined) out[e.name] = v;
  }
  return out;
}

/** The DC that owns a pod (label `deploymentconfig`, or the deployment annotation for deployer/hook pods). */
export function podDcName(pod: KubeObject): string | undefined {
  const byLabel = pod.metadata.labels?.deploymentconfig;
  if (byLabel) return byLabel;
  const rc = pod.metadata.annotations?.['openshift.io/deployment.name'];
  return rc ? rc.replace(/-\d+$/, '') : undefined;
}
