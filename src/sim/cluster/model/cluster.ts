import { apiVersionOf, resourceForKind, selfLink } from '../api/resources.js';
import { isoSeconds } from '../clock.js';
import { randomSuffix, randomUid } from '../random.js';
import type { KubeObject, NamespaceState, ProfileState } from './types.js';

/** Options of {@link Cluster.event}. */
export interface EventSpec {
  type?: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** `kubelet` / `deploymentconfig-controller` / `default-scheduler` … */
  component: string;
  host?: string;
  fieldPath?: string;
}

/**
 * One profile's cluster at a simulated instant: object CRUD with resourceVersions, events and controller wake-ups.
 * Controllers and commands mutate the state only through this class.
 */
export class Cluster {
  /** Earliest future instant some controller asked to be woken at. */
  nextWake = Number.POSITIVE_INFINITY;
  /** Set whenever anything changed (the engine iterates to a fixpoint). */
  dirty = false;

  constructor(
    public readonly state: ProfileState,
    public now: number,
  ) {}

  /** Asks the engine to run the controllers again at `at` (ignored when not in the future). */
  wake(at: number): void {
    if (at > this.now && at < this.nextWake) this.nextWake = at;
  }

  /** The namespace, or undefined. */
  ns(name: string): NamespaceState | undefined {
    return this.state.namespaces[name];
  }

  /** Every namespace name in creation order. */
  namespaceNames(): string[] {
    return Object.keys(this.state.namespaces);
  }

  /** Objects of a kind in a namespace, in creation order. */
  list(ns: string, kind: string): KubeObject[] {
    return Object.values(this.state.namespaces[ns]?.objects[kind] ?? {});
  }

  /** One object or undefined. */
  get(ns: string, kind: string, name: string): KubeObject | undefined {
    return this.state.namespaces[ns]?.objects[kind]?.[name];
  }

  /** Next resourceVersion. */
  nextRv(): string {
    this.state.rv += 1;
    return String(this.state.rv);
  }

  /** Marks an object modified (new resourceVersion). */
  touch(obj: KubeObject): void {
    obj.metadata.resourceVersion = this.nextRv();
    this.dirty = true;
  }

  /** Stores a new object in a namespace, filling uid, resourceVersion, creationTimestamp, selfLink and apiVersion. */
  add(ns: string, obj: KubeObject): KubeObject {
    const space = this.state.namespaces[ns];
    if (!space) throw new Error(`namespace ${ns} does not exist`);
    this.stamp(obj, ns);
    (space.objects[obj.kind] ??= {})[obj.metadata.name] = obj;
    this.dirty = true;
    return obj;
  }

  /** Fills the server-side metadata of a new object. */
  stamp(obj: KubeObject, ns: string | undefined): void {
    const r = resourceForKind(obj.kind);
    if (r) obj.apiVersion = apiVersionOf(r);
    if (ns !== undefined && r?.namespaced !== false) obj.metadata.namespace = ns;
    if (obj.metadata.generateName && !obj.metadata.name) obj.metadata.name = obj.metadata.generateName + randomSuffix(this.state);
    obj.metadata.uid = randomUid(this.state);
    obj.metadata.creationTimestamp = isoSeconds(this.now);
    obj.metadata.resourceVersion = this.nextRv();
    if (r) obj.metadata.selfLink = selfLink(r, ns, obj.metadata.name);
  }

  /** Removes an object (no-op when missing). */
  remove(ns: string, kind: string, name: string): void {
    const bucket = this.state.namespaces[ns]?.objects[kind];
    if (bucket && bucket[name]) {
      delete bucket[name];
      this.dirty = true;
    }
  }

  /** Records (or aggregates, like the kubelet's event correlator) an event about `involved`. */
  event(ns: string, involved: KubeObject, spec: EventSpec): void {
    const space = this.state.namespaces[ns];
    if (!space) return;
    const events = (space.objects.Event ??= {});
    const type = spec.type ?? 'Normal';
    const existing = Object.values(events).find(
      (e) =>
        e.involvedObject.uid === involved.metadata.uid &&
        e.reason === spec.reason &&
        e.message === spec.message &&
        e.type === type &&
        (e.involvedObject.fieldPath ?? '') === (spec.fieldPath ?? ''),
    );
    const ts = isoSeconds(this.now);
    if (existing) {
      existing.count += 1;
      existing.lastTimestamp = ts;
      this.touch(existing);
      return;
    }
    // `<involved>.<hex nanoseconds>` like client-go; the resourceVersion keeps events of one instant apart.
    const name = `${involved.metadata.name}.${(BigInt(Math.floor(this.now)) * 1_000_000n + BigInt(this.state.rv % 1_000_000)).toString(16)}`;
    const ev: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name },
      involvedObject: {
        apiVersion: involved.apiVersion,
        kind: involved.kind,
        name: involved.metadata.name,
        namespace: ns,
        resourceVersion: involved.metadata.resourceVersion,
        uid: involved.metadata.uid,
        ...(spec.fieldPath ? { fieldPath: spec.fieldPath } : {}),
      },
      reason: spec.reason,
      message: spec.message,
      source: spec.host ? { component: spec.component, host: spec.host } : { component: spec.component },
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type,
    };
    this.add(ns, ev);
  }
}
