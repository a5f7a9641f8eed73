import { createHash, randomUUID } from 'node:crypto';

import { XMLBuilder } from 'fast-xml-parser';

import type { SimResponse } from './http-types.js';
import { respond } from './http-types.js';

/** The Echo API's public host: a backend pointing there is answered by the simulator itself. */
export const ECHO_API_HOST = 'echo-api.3scale.net';

/** A request as it reaches the Echo API (after APIcast). */
export interface EchoInput {
  method: string;
  path: string;
  query: string;
  /** Header names lower-case, as received. */
  headers: Record<string, string>;
  body: Buffer;
}

const xml = new XMLBuilder({ suppressEmptyNode: false });

/** Rack's env names for request headers: `X-Foo` → `HTTP_X_FOO` (Content-Type/Length are not HTTP_ keys). */
function rackHeaders(headers: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'content-type' || name === 'content-length') continue;
    env[`HTTP_${name.toUpperCase().replaceAll('-', '_')}`] = value;
  }
  env.HTTP_VERSION = 'HTTP/1.1';
  return env;
}

function acceptable(accept: string, type: string): boolean {
  if (!accept.trim()) return true;
  const [major] = type.split('/');
  return accept.split(',').some((part) => {
    const media = part.split(';')[0].trim().toLowerCase();
    return media === type || media === '*/*' || media === `${major}/*`;
  });
}

function bodyText(body: Buffer, contentType: string): string {
  const media = contentType.split(';')[0].trim().toLowerCase();
  const text = body.toString('utf8');
  // Ruby's Base64.encode64: 60-character lines, each ending in \n.
  if (media === 'application/octet-stream' || media === 'multipart/form-data' || /[^\x20-\x7e\t\r\n]/.test(text)) {
    return (body.toString('base64').match(/.{1,60}/g) ?? []).map((line) => `${line}\n`).join('');
  }
  return text;
}

/**
 * The answer of 3scale's Echo API (echo-api/echo_api.rb) for any method and path: JSON (or XML when the
 * client accepts only XML) with method, path, the raw query string as `args`, the body, the Rack header
 * env and a uuid; `GET /status/<code>` answers with that status.
 */
export function echoResponse(input: EchoInput): SimResponse {
  const body = bodyText(input.body, input.headers['content-type'] ?? '');
  const headers = rackHeaders(input.headers);
  const response: Record<string, unknown> = {
    method: input.method,
    path: input.path,
    args: input.query,
    body,
    headers,
    uuid: randomUUID(),
  };
  if (body.length > 0) {
    response.bodySha1 = createHash('sha1').update(input.body).digest('base64');
    response.bodyLength = body.length;
  }
  const statusMatch = input.method === 'GET' ? /^\/status\/(\d+)$/.exec(input.path) : null;
  const status = statusMatch ? Number(statusMatch[1]) || 200 : 200;
  const accept = input.headers.accept ?? '';
  if (acceptable(accept, 'application/xml') && !acceptable(accept, 'application/json')) {
    const doc = {
      echoResponse: {
        method: input.method,
        path: input.path,
        uuid: response.uuid,
        ...(body.length > 0 ? { bodySha1: response.bodySha1, bodyLength: body.length, body } : {}),
        headers: { header: Object.entries(headers).map(([k, v]) => ({ key: k.replace(/^HTTP_/, ''), value: v })) },
        args: { arg: [...new URLSearchParams(input.query)].map(([k, v]) => ({ key: k, value: v })) },
      },
    };
    return respond(status, `<?xml version="1.0"?>\n${xml.build(doc)}\n`, 'application/xml;charset=utf-8');
  }
  return respond(status, JSON.stringify(response, null, 2), 'application/json');
}
