import { rootCertificates } from 'node:tls';

import { Agent, request } from 'undici';

/** What a registry said about a set of credentials. */
export type RegistryVerdict =
  | { kind: 'accepted' }
  | { kind: 'open' }
  | { kind: 'refused'; status: number }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'untrusted'; reason: string }
  | { kind: 'unexpected'; reason: string };

export interface RegistryLogin {
  /** `registry.redhat.io` or `host:port`. */
  host: string;
  username: string;
  password: string;
  /** Extra CA certificates (PEM) to trust besides Node's. */
  ca?: string;
  timeoutMs: number;
}

/** What a failed connection means: a certificate the worker does not trust, or no answer at all. */
function connectionFailure(err: unknown): RegistryVerdict {
  const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(reason) ? { kind: 'untrusted', reason } : { kind: 'unreachable', reason };
}

/** `Bearer realm="…",service="…"` → scheme and parameters. */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const m = /^(\w+)\s*(.*)$/s.exec(header.trim());
  const params: Record<string, string> = {};
  for (const p of (m?.[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)) params[p[1].toLowerCase()] = p[2];
  return { scheme: (m?.[1] ?? '').toLowerCase(), params };
}

/**
 * Checks credentials against a Docker Registry v2 the way `docker login` does: `GET /v2/`, then — on a 401 —
 * the token endpoint its Bearer challenge names (or `/v2/` again for Basic), with HTTP Basic credentials.
 * Certificates are verified: the password only ever goes to the registry's own HTTPS endpoints.
 */
export async function verifyRegistryLogin(login: RegistryLogin): Promise<RegistryVerdict> {
  const dispatcher = new Agent({
    connect: { ca: login.ca ? [...rootCertificates, login.ca] : undefined, timeout: login.timeoutMs },
    headersTimeout: login.timeoutMs,
    bodyTimeout: login.timeoutMs,
  });
  const basic = `Basic ${Buffer.from(`${login.username}:${login.password}`).toString('base64')}`;
  const get = async (url: string, auth?: string) => {
    const res = await request(url, { method: 'GET', dispatcher, headers: { accept: 'application/json', ...(auth ? { authorization: auth } : {}) } });
    await res.body.dump();
    return res;
  };
  try {
    const base = `https://${login.host}/v2/`;
    let anon;
    try {
      anon = await get(base);
    } catch (err) {
      return connectionFailure(err);
    }
    if (anon.statusCode === 200) return { kind: 'open' };
    if (anon.statusCode !== 401) return { kind: 'unexpected', reason: `GET ${base} answered HTTP ${anon.statusCode}` };
    const challenge = parseChallenge(String(anon.headers['www-authenticate'] ?? ''));
    let url = base;
    if (challenge.scheme === 'bearer') {
      const realm = challenge.params.realm ? new URL(challenge.params.realm) : undefined;
      if (realm?.protocol !== 'https:') return { kind: 'unexpected', reason: `the registry's token endpoint is not HTTPS (${challenge.params.realm ?? 'none'})` };
      if (challenge.params.service) realm.searchParams.set('service', challenge.params.service);
      realm.searchParams.set('account', login.username);
      url = realm.toString();
    } else if (challenge.scheme !== 'basic') {
      return { kind: 'unexpected', reason: `unknown authentication scheme "${challenge.scheme || 'none'}"` };
    }
    let res;
    try {
      res = await get(url, basic);
    } catch (err) {
      return connectionFailure(err);
    }
    if (res.statusCode === 200) return { kind: 'accepted' };
    if (res.statusCode === 401 || res.statusCode === 403) return { kind: 'refused', status: res.statusCode };
    return { kind: 'unexpected', reason: `the token endpoint answered HTTP ${res.statusCode}` };
  } finally {
    await dispatcher.close();
  }
}
