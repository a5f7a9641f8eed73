import { resolve } from 'node:path';

import { sha256Hex } from './random.js';

/**
 * The loopback address of a profile's VM: 127.x.y.z derived from a hash of (state folder, profile), so parallel test
 * runs with different state folders get different addresses; never 127.0.0.1 (or .0/.255 host parts).
 */
export function vmIp(home: string, profile: string): string {
  const h = sha256Hex(`${resolve(home)}\0${profile}`);
  const x = parseInt(h.slice(0, 2), 16);
  const y = parseInt(h.slice(2, 4), 16);
  const z = 1 + (parseInt(h.slice(4, 6), 16) % 254);
  // x = 0 would allow 127.0.0.1-like addresses; keep the second octet away from 0.
  return `127.${x === 0 ? 1 : x}.${y}.${z}`;
}

/** `192.168.42.106` → `192-168-42-106:8443`, the cluster/context naming oc uses. */
export function clusterNick(ip: string): string {
  return `${ip.replaceAll('.', '-')}:8443`;
}

/** `https://<ip>:8443`. */
export function serverUrl(ip: string): string {
  return `https://${ip}:8443`;
}
