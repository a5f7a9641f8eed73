import { lookup } from 'node:dns/promises';

import { ApplicationFailure } from '@temporalio/common';
import { Agent, request } from 'undici';

import { ErrorType } from '../../shared/errors.js';
import type { SecretScrubber } from '../deps.js';

/** Where the OpenShift router listens, for route hosts that do not resolve (like `curl --resolve`). */
export interface RouterAddress {
  address: string;
  httpPort: number;
  httpsPort: number;
}

export interface HttpResponse {
  status: number;
  contentType: string;
  body: string;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** https://host/path?query — the host is a route host; it is reached by DNS or through the router. */
  url: string;
  headers?: Record<string, string>;
  /** Form fields (sent as application/x-www-form-urlencoded). */
  form?: Record<string, string>;
  timeoutMs?: number;
}

const resolvable = new Map<string, Promise<boolean>>();

async function resolves(host: string): Promise<boolean> {
  if (!resolvable.has(host)) {
    resolvable.set(
      host,
      Promise.race([
        lookup(host).then(() => true, () => false),
        new Promise<boolean>((r) => setTimeout(() => r(false), 3_000)),
      ]),
    );
  }
  return resolvable.get(host)!;
}

/**
 * The HTTP client of the activities: reaches route hosts by DNS when they resolve, otherwise through the router
 * address with the Host header and TLS SNI set (OpenShift routers serve self-signed certificates, hence no
 * certificate check — like `curl -k`). Every message it produces is redacted.
 */
export class HttpClient {
  private readonly agents = new Map<string, Agent>();

  constructor(
    private readonly redactor: SecretScrubber,
    private readonly router?: RouterAddress,
  ) {}

  private agent(servername: string): Agent {
    let a = this.agents.get(servername);
    if (!a) {
      a = new Agent({ connect: { servername, rejectUnauthorized: false }, connectTimeout: 10_000 });
      this.agents.set(servername, a);
    }
    return a;
  }

  /** Sends a request; resolves with any HTTP status (the caller judges it); throws a retryable failure when unreachable. */
  async send(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(req.url);
    const host = url.hostname;
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    let target = url;
    if (this.router && !(await resolves(host))) {
      const https = url.protocol === 'https:';
      target = new URL(`${url.protocol}//${this.router.address}:${https ? this.router.httpsPort : this.router.httpPort}${url.pathname}${url.search}`);
      headers.host = url.port ? `${host}:${url.port}` : host;
    }
    const body = req.form ? new URLSearchParams(req.form).toString() : undefined;
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    try {
      const res = await request(target, {
        method: req.method,
        headers,
        body,
        dispatcher: this.agent(host),
        headersTimeout: req.timeoutMs ?? 30_000,
        bodyTimeout: req.timeoutMs ?? 30_000,
      });
      const text = await res.body.text();
      return { status: res.statusCode, contentType: String(res.headers['content-type'] ?? ''), body: text };
    } catch (err) {
      throw ApplicationFailure.create({
        type: ErrorType.HttpUnavailable,
        message: this.redactor.redact(`${req.method} ${req.url} failed: ${(err as Error).message}`),
      });
    }
  }

  /**
   * `text` with every known secret and secret shape removed, for messages that quote this client's responses:
   * an error page may echo the request's credentials. Redact the whole text before cutting it short, or a
   * secret cut in half survives.
   */
  redact(text: string): string {
    return this.redactor.redact(text);
  }

  /** Closes the connection pools. */
  async close(): Promise<void> {
    await Promise.all([...this.agents.values()].map((a) => a.close()));
    this.agents.clear();
  }
}
