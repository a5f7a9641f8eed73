import { ApplicationFailure } from '@temporalio/common';

import { ErrorType } from '../../shared/errors.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../lib/http-client.js';

type Obj = Record<string, unknown>;

/** Attempts of one admin API call when the portal answers 5xx or cannot be reached. */
const IN_PLACE_ATTEMPTS = 4;

/**
 * A small client of 3scale 2.4's Account Management API (JSON flavour, peers.md §3). The access token goes in
 * HTTP Basic auth — never in a URL, where access logs and journals would keep it.
 */
export class AdminApi {
  private readonly auth: string;

  constructor(
    private readonly http: HttpClient,
    private readonly baseUrl: string,
    accessToken: string,
  ) {
    this.auth = `Basic ${Buffer.from(`:${accessToken}`).toString('base64')}`;
  }

  private async call(method: HttpRequest['method'], path: string, form?: Record<string, string>): Promise<Obj> {
    // A router or portal that answers 5xx for a moment (a pod restarting) gets a few quick retries here, so one
    // blip does not cost a whole activity retry with its backoff. Only reads and the idempotent PATCH: a POST that
    // failed with 5xx may still have been taken; the activity's retry looks it up before creating again.
    const attempts = method === 'GET' || method === 'PATCH' ? IN_PLACE_ATTEMPTS : 1;
    for (let attempt = 1; ; attempt++) {
      const res = await this.http.send({ method, url: `${this.baseUrl}${path}`, form, headers: { authorization: this.auth } }).catch((err: unknown) => err as Error);
      const transient = res instanceof Error || res.status >= 500;
      if (!transient || attempt >= attempts) {
        if (res instanceof Error) throw res;
        return this.judge(method, path, res);
      }
      await new Promise((r) => setTimeout(r, attempt * 500));
    }
  }

  private judge(method: string, path: string, res: HttpResponse): Obj {
    const where = `${method} ${path.split('?')[0]}`;
    if (res.status >= 500 || res.status === 503) {
      throw ApplicationFailure.create({ type: ErrorType.HttpUnavailable, message: `${where}: the admin portal answered ${res.status}` });
    }
    if (res.status === 401 || res.status === 403) {
      throw ApplicationFailure.create({
        type: ErrorType.SmokeTestFailed,
        nonRetryable: true,
        message: `${where}: the admin API refused the access token (${res.status})`,
        details: [{ suggestion: 'the ADMIN_ACCESS_TOKEN of secret system-seed must have account_management read-write scope' }],
      });
    }
    if (res.status >= 400) {
      // The body may echo the request (its Authorization header, the token): redacted whole, then shortened.
      throw ApplicationFailure.create({ type: ErrorType.SmokeTestFailed, nonRetryable: res.status !== 404 && res.status !== 409, message: `${where}: ${res.status} ${this.http.redact(res.body).slice(0, 300)}` });
    }
    try {
      return JSON.parse(res.body) as Obj;
    } catch {
      throw ApplicationFailure.create({ type: ErrorType.HttpUnavailable, message: `${where}: expected JSON, got ${res.contentType || 'no content type'}` });
    }
  }

  get(path: string): Promise<Obj> {
    return this.call('GET', path);
  }
  post(path: string, form: Record<string, string>): Promise<Obj> {
    return this.call('POST', path, form);
  }
  patch(path: string, form: Record<string, string>): Promise<Obj> {
    return this.call('PATCH', path, form);
  }
}

/** Items of a JSON list answer: `{"services":[{"service":{…}}]}` → the inner objects. */
export function listOf(body: Obj, listKeys: string[], itemKeys: string[]): Obj[] {
  const key = listKeys.find((k) => Array.isArray(body[k]));
  const list = (key ? body[key] : []) as Obj[];
  return list.map((entry) => {
    const inner = itemKeys.find((k) => entry[k] && typeof entry[k] === 'object');
    return (inner ? entry[inner] : entry) as Obj;
  });
}

/** The object of a JSON answer: `{"service":{…}}` → `{…}`. */
export function itemOf(body: Obj, keys: string[]): Obj {
  const key = keys.find((k) => body[k] && typeof body[k] === 'object');
  if (!key) throw ApplicationFailure.create({ type: ErrorType.SmokeTestFailed, message: `unexpected admin API answer (no ${keys.join('/')})` });
  return body[key] as Obj;
}
