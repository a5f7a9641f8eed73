import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { generate } from 'selfsigned';

/** A PEM key pair for the router's HTTPS listener. */
export interface RouterCert {
  key: string;
  cert: string;
}

/** Where a profile's router certificate lives: `profiles/<profile>/router-tls.json`. */
export function certPath(home: string, profile: string): string {
  return join(home, 'profiles', profile, 'router-tls.json');
}

/**
 * The router's self-signed certificate, generated once and kept under the profile folder (like the default
 * certificate `oc cluster up` gives its router, CN `*.router.default.svc.cluster.local`).
 */
export async function loadOrCreateCert(home: string, profile: string): Promise<RouterCert> {
  const path = certPath(home, profile);
  if (existsSync(path)) {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as RouterCert;
    if (stored.key && stored.cert) return stored;
  }
  const pems = await generate([{ name: 'commonName', value: '*.router.default.svc.cluster.local' }], {
    keySize: 2048,
    notAfterDate: new Date(Date.now() + 3650 * 24 * 3600 * 1000),
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: '*.nip.io' }, { type: 2, value: 'localhost' }] }],
  });
  const cert: RouterCert = { key: pems.private, cert: pems.cert };
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(cert), { mode: 0o600 });
  renameSync(tmp, path);
  return cert;
}
