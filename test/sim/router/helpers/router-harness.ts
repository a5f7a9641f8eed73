import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createRouterContext, handleRequest } from '../../../../src/sim/router/handler.js';
import type { RouterListeners } from '../../../../src/sim/router/listen.js';
import { listenRouter } from '../../../../src/sim/router/listen.js';
import type { StaticClusterState } from '../../../../src/sim/router/static-view.js';
import { staticClusterView } from '../../../../src/sim/router/static-view.js';
import { loadOrCreateCert } from '../../../../src/sim/router/tls.js';
import { emptyCluster } from './template-cluster.js';

/** A router served in-process over a fake cluster, on 127.0.0.1 free ports, with its own state folder. */
export interface Harness {
  home: string;
  state: StaticClusterState;
  listeners: RouterListeners;
  call(opts: CallOptions): Promise<CallResult>;
  close(): Promise<void>;
}

/** One HTTP(S) request to the router with an explicit Host header. */
export interface CallOptions {
  host: string;
  path: string;
  method?: string;
  scheme?: 'http' | 'https';
  headers?: Record<string, string>;
  body?: string;
}

/** What came back. */
export interface CallResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Starts an in-process router over an empty running cluster. */
export async function startHarness(): Promise<Harness> {
  const home = mkdtempSync(join(tmpdir(), 'amp-router-'));
  const state = emptyCluster();
  const view = staticClusterView(() => state);
  const ctx = createRouterContext({ home, profile: 'test', view, ip: '127.0.0.1', httpsPort: 0 });
  const tls = await loadOrCreateCert(home, 'test');
  const listeners = await listenRouter({ ip: '127.0.0.1', httpPort: 0, httpsPort: 0, tls, handler: (req, rawHost) => handleRequest(ctx, req, rawHost) });
  ctx.httpsPort = listeners.httpsPort;
  const call = (opts: CallOptions) =>
    new Promise<CallResult>((resolve, reject) => {
      const https = opts.scheme === 'https';
      const send = https ? httpsRequest : httpRequest;
      const body = opts.body ?? '';
      const req = send(
        {
          host: '127.0.0.1',
          port: https ? listeners.httpsPort : listeners.httpPort,
          method: opts.method ?? 'GET',
          path: opts.path,
          headers: { host: opts.host, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}), ...opts.headers },
          rejectUnauthorized: false,
          servername: https ? opts.host : undefined,
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return {
    home,
    state,
    listeners,
    call,
    close: async () => {
      await listeners.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Basic auth the way 3scale-api-ruby sends a token (`:<token>`), keeping it out of URLs. */
export function basic(token: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`:${token}`).toString('base64')}` };
}

/** An urlencoded form body with its Content-Type. */
export function form(fields: Record<string, string | number>): { body: string; headers: Record<string, string> } {
  const body = new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString();
  return { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}
