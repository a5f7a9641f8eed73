import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createHttpsServer } from 'node:https';

import type { SimRequest, SimResponse } from './http-types.js';

/** Answers one request; `rawHost` is the Host header as sent (with any port). */
export type RequestHandler = (req: SimRequest, rawHost: string) => Promise<SimResponse>;

/** Options of {@link listenRouter}. */
export interface ListenOptions {
  ip: string;
  /** Ports to try first (80/443 for a root router); a port that cannot be bound falls back to a free one. */
  httpPort: number;
  httpsPort: number;
  tls: { key: string; cert: string };
  handler: RequestHandler;
}

/** Running HTTP + HTTPS listeners. */
export interface RouterListeners {
  httpPort: number;
  httpsPort: number;
  close(): Promise<void>;
}

const MAX_BODY = 10 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function toSimRequest(req: IncomingMessage, body: Buffer, scheme: 'http' | 'https'): { sim: SimRequest; rawHost: string } {
  const rawHost = String(req.headers.host ?? '');
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const sim: SimRequest = {
    method: (req.method ?? 'GET').toUpperCase(),
    host: rawHost.replace(/:\d+$/, '').toLowerCase(),
    path: q < 0 ? url : url.slice(0, q),
    query: q < 0 ? '' : url.slice(q + 1),
    headers: req.headers,
    body,
    scheme,
    remoteAddress: (req.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
    httpVersion: req.httpVersion,
  };
  return { sim, rawHost };
}

function listener(handler: RequestHandler, scheme: 'http' | 'https') {
  return (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      try {
        const body = await readBody(req);
        const { sim, rawHost } = toSimRequest(req, body, scheme);
        const out = await handler(sim, rawHost);
        const payload = typeof out.body === 'string' ? Buffer.from(out.body) : out.body;
        res.writeHead(out.status, { ...out.headers, 'content-length': String(payload.length) });
        res.end(sim.method === 'HEAD' ? undefined : payload);
      } catch {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end();
      }
    })();
  };
}

function bind(server: Server, ip: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, ip);
  });
}

/** Binds the wanted port, or a free one when that one is taken or not allowed (a non-root user). */
async function bindWithFallback(server: Server, ip: string, port: number): Promise<number> {
  if (port === 0) return bind(server, ip, 0);
  try {
    return await bind(server, ip, port);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EADDRINUSE' && code !== 'EPERM') throw err;
    return bind(server, ip, 0);
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Starts the router's HTTP and HTTPS (edge TLS, self-signed) listeners on the VM address. */
export async function listenRouter(opts: ListenOptions): Promise<RouterListeners> {
  const http = createHttpServer(listener(opts.handler, 'http'));
  const https = createHttpsServer({ key: opts.tls.key, cert: opts.tls.cert }, listener(opts.handler, 'https'));
  const httpPort = await bindWithFallback(http, opts.ip, opts.httpPort);
  let httpsPort: number;
  try {
    httpsPort = await bindWithFallback(https, opts.ip, opts.httpsPort);
  } catch (err) {
    await closeServer(http);
    throw err;
  }
  return {
    httpPort,
    httpsPort,
    close: async () => {
      await Promise.all([closeServer(http), closeServer(https)]);
    },
  };
}
