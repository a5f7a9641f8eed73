import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';

import { generate } from 'selfsigned';

/** How the fake registry asks for credentials: a Bearer token endpoint (registry.redhat.io's way), Basic, or not at all. */
export type Scheme = 'bearer' | 'basic' | 'open';

/** A Docker Registry v2 stand-in over HTTPS on 127.0.0.1 with a self-signed certificate. */
export interface FakeRegistry {
  /** `127.0.0.1:<port>`, what a spec's registry.server and image references use. */
  host: string;
  /** The certificate to trust (PEM). */
  ca: string;
  /** Every request it got: path and the Authorization header. */
  requests: Array<{ path: string; authorization?: string }>;
  close(): Promise<void>;
}

/** Starts a registry that accepts exactly `username`/`password`. */
export async function startFakeRegistry(opts: { username: string; password: string; scheme: Scheme }): Promise<FakeRegistry> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const requests: FakeRegistry['requests'] = [];
  const expected = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
  let host = '';
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    requests.push({ path, authorization: req.headers.authorization });
    const send = (status: number, body: object, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const unauthorized = { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] };
    if (path === '/v2/') {
      if (opts.scheme === 'open') return send(200, {});
      if (opts.scheme === 'basic' && req.headers.authorization === expected) return send(200, {});
      const challenge = opts.scheme === 'bearer' ? `Bearer realm="https://${host}/auth/token",service="fake-registry"` : 'Basic realm="fake-registry"';
      return send(401, unauthorized, { 'www-authenticate': challenge });
    }
    if (path.startsWith('/auth/token') && opts.scheme === 'bearer') {
      return req.headers.authorization === expected ? send(200, { token: 'issued-token-1234', expires_in: 300 }) : send(401, unauthorized);
    }
    return send(404, { errors: [{ code: 'NOT_FOUND' }] });
  };
  const server = createServer({ key: pems.private, cert: pems.cert }, handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    host,
    ca: pems.cert,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
