import type { IncomingHttpHeaders } from 'node:http';

/** A request as the simulated applications see it (already read in full). */
export interface SimRequest {
  method: string;
  /** Host header without port, lower-case: what routes and porta/APIcast match on. */
  host: string;
  /** Path without the query string. */
  path: string;
  /** Raw query string without `?` ('' when none). */
  query: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  scheme: 'http' | 'https';
  remoteAddress: string;
  httpVersion: string;
}

/** A response a simulated application produced. */
export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** A response with a body and Content-Type. */
export function respond(status: number, body: string | Buffer, contentType?: string, extra: Record<string, string> = {}): SimResponse {
  const headers: Record<string, string> = { ...extra };
  if (contentType) headers['content-type'] = contentType;
  return { status, headers, body };
}
