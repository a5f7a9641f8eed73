import type { SimRequest } from '../http-types.js';

/**
 * Request parameters the way Rails merges them: query string, then an urlencoded or JSON body.
 * Wrapped names (`proxy[api_backend]`, `account[org_name]`) count as the bare name too, which is
 * what `wrap_parameters` gives porta's controllers.
 */
export function readParams(req: SimRequest): Map<string, string> {
  const params = new Map<string, string>();
  const add = (key: string, value: string) => {
    params.set(key, value);
    const wrapped = /^[a-z_]+\[([a-z_]+)\]$/.exec(key);
    if (wrapped && !params.has(wrapped[1])) params.set(wrapped[1], value);
  };
  for (const [k, v] of new URLSearchParams(req.query)) add(k, v);
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  const text = req.body.toString('utf8');
  if (text.length > 0) {
    if (type.includes('application/json')) {
      try {
        const json = JSON.parse(text) as Record<string, unknown>;
        for (const [k, v] of Object.entries(json)) {
          if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
            for (const [k2, v2] of Object.entries(v)) add(`${k}[${k2}]`, String(v2));
          } else add(k, String(v));
        }
      } catch {
        // Rails answers 400 for malformed JSON; the caller sees no params and reports what is missing.
      }
    } else if (type === '' || type.includes('application/x-www-form-urlencoded')) {
      for (const [k, v] of new URLSearchParams(text)) add(k, v);
    }
  }
  return params;
}

/** HTTP Basic credentials: porta takes the first non-empty of user and password as the key. */
export function basicCredential(req: SimRequest): string | undefined {
  const header = String(req.headers.authorization ?? '');
  const match = /^Basic\s+(.+)$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = colon < 0 ? decoded : decoded.slice(0, colon);
  const password = colon < 0 ? '' : decoded.slice(colon + 1);
  return user || password || undefined;
}

/** `params.fetch(:access_token) { http_authentication }` of porta's ByAccessToken. */
export function accessTokenOf(req: SimRequest, params: Map<string, string>): string | undefined {
  return params.has('access_token') ? params.get('access_token') : basicCredential(req);
}

/** Splits `/admin/api/services.xml` into the path without suffix and the format ('xml' by default). */
export function splitFormat(path: string): { path: string; format: 'xml' | 'json' | 'unknown' } {
  const match = /^(.*?)\.([A-Za-z0-9]+)$/.exec(path);
  if (!match) return { path, format: 'xml' };
  const ext = match[2].toLowerCase();
  return { path: match[1], format: ext === 'xml' || ext === 'json' ? ext : 'unknown' };
}
