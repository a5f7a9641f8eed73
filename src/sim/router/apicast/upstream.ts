import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

import { ECHO_API_HOST, echoResponse } from '../echo-api.js';
import type { SimResponse } from '../http-types.js';
import { respond } from '../http-types.js';

/** What APIcast sends to the API backend. */
export interface UpstreamRequest {
  method: string;
  /** The service's `api_backend` (scheme, host, port, optional base path). */
  apiBackend: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: Buffer;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);

/** openresty's 502 page, what APIcast answers when it cannot reach the backend. */
export function badGateway(): SimResponse {
  const body = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body bgcolor="white">\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>openresty/1.13.6.1</center>\r\n</body>\r\n</html>\r\n';
  return respond(502, body, 'text/html');
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** A real HTTP(S) call to a backend on this machine (certificates not verified, like APICAST_OPENSSL_VERIFY=false). */
function forward(url: URL, req: UpstreamRequest): Promise<SimResponse> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const outgoing = send(
      url,
      { method: req.method, headers: { ...req.headers, 'content-length': String(req.body.length) }, rejectUnauthorized: false, timeout: 60_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) {
            if (v !== undefined && !HOP_BY_HOP.has(k) && k !== 'content-length') headers[k] = Array.isArray(v) ? v.join(', ') : v;
          }
          resolve({ status: res.statusCode ?? 502, headers, body: Buffer.concat(chunks) });
        });
        res.on('error', () => resolve(badGateway()));
      },
    );
    outgoing.on('timeout', () => outgoing.destroy());
    outgoing.on('error', () => resolve(badGateway()));
    outgoing.end(req.body);
  });
}

/**
 * Sends APIcast's upstream request: the Echo API is answered in-process (nothing leaves the machine),
 * a loopback backend is called for real, anything else is unreachable from the simulated VM (502).
 */
export async function callUpstream(req: UpstreamRequest): Promise<SimResponse> {
  let base: URL;
  try {
    base = new URL(req.apiBackend);
  } catch {
    return badGateway();
  }
  const basePath = base.pathname.replace(/\/$/, '');
  const path = `${basePath}${req.path}`;
  if (base.hostname.toLowerCase() === ECHO_API_HOST) {
    return echoResponse({ method: req.method, path, query: req.query, headers: req.headers, body: req.body });
  }
  if (!isLoopback(base.hostname)) return badGateway();
  const url = new URL(`${base.protocol}//${base.host}${path}${req.query ? `?${req.query}` : ''}`);
  return forward(url, req);
}
