import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { JSONToPayload, payloadToJSON, type JSONPayload } from '@temporalio/common/lib/proto-utils.js';
import { z } from 'zod';

import { defaultRedactor, type Redactor } from '../redaction/index.js';
import { AesGcmCodec } from './aes-gcm-codec.js';
import { PayloadDecryptionError, UnknownCodecKeyError } from './errors.js';
import type { Keyring } from './keyring.js';

/** The Web UI origins of `temporal server start-dev` (default UI port 8233). */
export const DEFAULT_UI_ORIGINS = ['http://localhost:8233', 'http://127.0.0.1:8233'];
const ALLOWED_HEADERS = 'content-type, x-namespace, authorization';
const DEFAULT_MAX_BODY = 8 * 1024 * 1024;

/** Options of {@link startCodecServer}. */
export interface CodecServerOptions {
  /** Address to bind; keep it loopback: whoever can call the server can decrypt. @default '127.0.0.1' */
  host?: string;
  /** @default 0 (a free port) */
  port?: number;
  keyring: Keyring;
  /** Bearer token every request must carry (header, or first path segment for the Web UI). */
  token: string;
  /** Browser origins allowed to call it (CORS). @default {@link DEFAULT_UI_ORIGINS} */
  allowedOrigins?: string[];
  /** Larger request bodies get 413. @default 8 MiB */
  maxBodyBytes?: number;
  /** Learns the token so it never reaches a log. `null` for none. @default defaultRedactor */
  redactor?: Redactor | null;
}

/** A running codec server. */
export interface CodecServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`; clients add `Authorization: Bearer <token>`. */
  url: string;
  /** `<url>/<token>`: for `--ui-codec-endpoint`, where no header can be sent. A credential: never log it. */
  uiCodecEndpoint: string;
  close(): Promise<void>;
}

/** A random bearer token for the codec server (URL-safe, 256 bits). */
export function generateCodecToken(): string {
  return randomBytes(32).toString('base64url');
}

const RequestBody = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), z.string()).nullish(), data: z.string().nullish() })),
});

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const tooLarge = (): HttpError => new HttpError(413, `request body is larger than ${limit} bytes`);
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit, keep draining without storing, so the client gets the 413 instead of a reset connection.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => (size > limit ? reject(tooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined; // malformed %-escape: simply not the token
  }
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) return void res.writeHead(status).end();
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * Starts the Temporal codec server (`POST [/<token>][/<namespace>]/encode|decode`) for the Web UI and
 * `temporal … --codec-endpoint`, on loopback by default. Requests need the bearer token; browsers need an allowed origin.
 */
export async function startCodecServer(opts: CodecServerOptions): Promise<CodecServer> {
  const { keyring, token } = opts;
  if (!token || token.length < 16) throw new TypeError('codec server token must be at least 16 characters');
  const redactor = opts.redactor === undefined ? defaultRedactor : opts.redactor;
  redactor?.add(token, 'codec-token');
  const codec = new AesGcmCodec(keyring);
  const origins = new Set(opts.allowedOrigins ?? DEFAULT_UI_ORIGINS);
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const tokenDigest = digest(token);
  // Comparing digests keeps the comparison constant-time whatever the candidate's length.
  const isToken = (candidate: string | undefined): boolean => candidate !== undefined && timingSafeEqual(digest(candidate), tokenDigest);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const origin = req.headers.origin;
    if (origin && origins.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Max-Age', '600');
      if (req.headers['access-control-request-private-network']) res.setHeader('Access-Control-Allow-Private-Network', 'true');
    }
    // Browsers send the preflight without credentials, so it cannot be authenticated; it reveals nothing.
    if (req.method === 'OPTIONS') return send(res, origin && origins.has(origin) ? 204 : 403);

    const segments = new URL(req.url ?? '/', 'http://codec.invalid').pathname.split('/').filter(Boolean);
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    const pathToken = segments.length > 1 && isToken(safeDecode(segments[0]));
    if (!isToken(bearer) && !pathToken) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      return send(res, 401, { error: 'missing or wrong bearer token' });
    }
    const op = segments.at(-1);
    if (op !== 'encode' && op !== 'decode') return send(res, 404, { error: 'use POST …/encode or POST …/decode' });
    if (req.method !== 'POST') return send(res, 405, { error: 'use POST' });

    let json: unknown;
    const text = await readBody(req, maxBody);
    try {
      json = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'request body is not valid JSON');
    }
    const body = RequestBody.safeParse(json);
    if (!body.success) {
      const issue = body.error.issues[0];
      throw new HttpError(400, `request body: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    }
    const payloads = body.data.payloads.map((p) => JSONToPayload(p as JSONPayload));
    const out = op === 'encode' ? await codec.encode(payloads) : await codec.decode(payloads);
    send(res, 200, { payloads: out.map(payloadToJSON) });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const status =
        err instanceof HttpError ? err.status : err instanceof UnknownCodecKeyError || err instanceof PayloadDecryptionError ? 422 : 500;
      // Our own errors are written to be safe to show; anything else might quote data, so it stays generic.
      const message = status === 500 ? 'internal error in the codec server' : (err as Error).message;
      if (res.headersSent) return void res.destroy();
      if (status === 413) {
        // The body was not read: close the connection after answering and discard whatever still arrives.
        res.setHeader('Connection', 'close');
        req.resume();
      }
      send(res, status, { error: message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  return {
    url,
    uiCodecEndpoint: `${url}/${encodeURIComponent(token)}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
