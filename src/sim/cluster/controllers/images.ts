import type { Cluster } from '../model/cluster.js';
import { sha256Hex } from '../random.js';
import { secretValue } from './util.js';

/** How long an image takes to pull and what the software in it needs to come up (simulated seconds). */
export interface ImageProfile {
  pullSeconds: number;
  /** Seconds from container start until the service answers (readiness can pass). */
  startupSeconds: number;
  /** Startup on an empty persistent volume (databases initialise their data directory first). */
  firstStartupSeconds?: number;
}

/** Characteristics by image repository (knowledge about images, not about template object names). */
const PROFILES: Array<[RegExp, ImageProfile]> = [
  [/origin-(deployer|pod)/, { pullSeconds: 0, startupSeconds: 1 }],
  [/mysql/, { pullSeconds: 45, startupSeconds: 20, firstStartupSeconds: 170 }],
  [/postgresql/, { pullSeconds: 35, startupSeconds: 10, firstStartupSeconds: 25 }],
  [/redis/, { pullSeconds: 25, startupSeconds: 3 }],
  [/memcached/, { pullSeconds: 15, startupSeconds: 2 }],
  [/wildcard-router/, { pullSeconds: 20, startupSeconds: 5 }],
  [/apicast/, { pullSeconds: 30, startupSeconds: 6 }],
  [/zync/, { pullSeconds: 45, startupSeconds: 25 }],
  [/backend/, { pullSeconds: 50, startupSeconds: 8 }],
  [/\/system/, { pullSeconds: 150, startupSeconds: 80 }],
];

const DEFAULT_PROFILE: ImageProfile = { pullSeconds: 30, startupSeconds: 10 };

/** The profile of an image reference. */
export function imageProfile(image: string): ImageProfile {
  return PROFILES.find(([re]) => re.test(image))?.[1] ?? DEFAULT_PROFILE;
}

/** Registry host of an image reference (`docker.io` when the reference has none). */
export function registryHost(image: string): string {
  const first = image.split('/')[0];
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : 'docker.io';
}

/** `repo:tag` form with `:latest` added when the reference has neither tag nor digest. */
export function withDefaultTag(image: string): string {
  const last = image.split('/').pop() ?? image;
  return image.includes('@') || last.includes(':') ? image : `${image}:latest`;
}

/** A stable digest per image reference (the same image always resolves to the same sha256). */
export function imageDigest(image: string): string {
  return `sha256:${sha256Hex(withDefaultTag(image))}`;
}

/** `registry/repo@sha256:…` for a tag reference. */
export function digestReference(image: string): string {
  const base = withDefaultTag(image).replace(/:[^/:@]+$/, '');
  return `${base}@${imageDigest(image)}`;
}

/** Registries that need credentials (the Red Hat terms-based registry). */
const AUTH_REGISTRIES = new Set(['registry.redhat.io', 'registry.connect.redhat.com']);
/** Registries that serve anonymous pulls. */
const OPEN_REGISTRIES = [/^registry\.access\.redhat\.com$/, /^(docker\.io|index\.docker\.io|registry-1\.docker\.io)$/, /^quay\.io$/,
  /^registry\.centos\.org$/, /^(gcr|ghcr|k8s\.gcr)\.io$/, /^registry\.fedoraproject\.org$/, /^172\.30\.1\.1:5000$/, /^(localhost|127\.[\d.]+)(:\d+)?$/];

/** Registry hosts for which a docker config secret gives credentials (`.dockerconfigjson` auths / `.dockercfg`). */
export function credentialHosts(c: Cluster, ns: string, secretNames?: readonly string[]): Set<string> {
  const hosts = new Set<string>();
  const secrets = c.list(ns, 'Secret').filter((s) => secretNames === undefined || secretNames.includes(s.metadata.name));
  for (const s of secrets) {
    const raw = secretValue(c, ns, s.metadata.name, '.dockerconfigjson') ?? secretValue(c, ns, s.metadata.name, '.dockercfg');
    if (!raw) continue;
    try {
      const doc = JSON.parse(raw) as Record<string, unknown>;
      const auths = (doc.auths ?? doc) as Record<string, unknown>;
      for (const key of Object.keys(auths)) hosts.add(key.replace(/^https?:\/\//, '').replace(/\/.*$/, ''));
    } catch {
      // a malformed docker config gives no credentials, as for the real kubelet
    }
  }
  return hosts;
}

/** Why pulling/importing `image` fails with the given credentials, or undefined when it works. */
export function registryRefusal(image: string, credentials: Set<string>): { reason: 'Unauthorized' | 'NoSuchHost'; message: string } | undefined {
  const host = registryHost(image);
  if (AUTH_REGISTRIES.has(host)) return credentials.has(host) ? undefined : { reason: 'Unauthorized', message: unauthorizedText(image) };
  if (OPEN_REGISTRIES.some((re) => re.test(host))) return undefined;
  return { reason: 'NoSuchHost', message: `Get https://${host}/v2/: dial tcp: lookup ${host} on 10.0.2.3:53: no such host` };
}

/** The registry's `unauthorized` answer for a manifest request. */
export function unauthorizedText(image: string): string {
  const host = registryHost(image);
  const ref = withDefaultTag(image);
  const path = ref.slice(host === 'docker.io' && !ref.startsWith('docker.io') ? 0 : host.length + 1);
  const [repo, tag] = path.includes('@') ? path.split('@') : [path.replace(/:[^/:]+$/, ''), path.split(':').pop()];
  const detail = host.endsWith('redhat.io') || host.endsWith('redhat.com')
    ? 'unauthorized: Please login to the Red Hat Registry using your Customer Portal credentials. Further instructions can be found here: https://access.redhat.com/RegistryAuthentication'
    : 'unauthorized: authentication required';
  return `Get https://${host}/v2/${repo}/manifests/${tag}: ${detail}`;
}
