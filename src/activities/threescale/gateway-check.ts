import { sleep } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';

import { ErrorType } from '../../shared/errors.js';
import type { HttpClient, HttpResponse } from '../lib/http-client.js';

/** One gateway expectation: returns what is wrong with the answer, or undefined when it is right. */
export type Expectation = (res: HttpResponse) => string | undefined;

/** 2.4 rejects a request without credentials with 403 (401 where the config lacks the field). */
export const rejectsMissingKey: Expectation = (r) =>
  [401, 403].includes(r.status) && r.body.includes('Authentication parameters missing')
    ? undefined
    : `expected 401/403 "Authentication parameters missing", got ${r.status} ${JSON.stringify(r.body.slice(0, 80))}`;

export const rejectsBadKey: Expectation = (r) =>
  r.status === 403 && r.body.includes('Authentication failed')
    ? undefined
    : `expected 403 "Authentication failed", got ${r.status} ${JSON.stringify(r.body.slice(0, 80))}`;

/** The Echo API answers 200 with the echo JSON of the request it got. */
export function echoes(path: string): Expectation {
  return (r) => {
    if (r.status !== 200) return `expected 200 from the Echo API, got ${r.status} ${JSON.stringify(r.body.slice(0, 80))}`;
    try {
      const echo = JSON.parse(r.body) as { method?: string; path?: string };
      return echo.method === 'GET' && echo.path === path ? undefined : `the echo body does not echo GET ${path}`;
    } catch {
      return 'the 200 answer is not the Echo API JSON';
    }
  };
}

/** Answers that mean "not served yet" (route not admitted, gateway not ready, config not loaded yet). */
const notYet = (r: HttpResponse) => r.status === 503 || r.status === 502 || (r.status === 404 && r.body === '');

/**
 * Calls the gateway until the answer meets the expectation, tolerating "not served yet" answers and 5xx
 * until the deadline; a wrong answer after the gateway serves the host fails the smoke test.
 */
export async function expectGateway(http: HttpClient, url: string, expectation: Expectation, what: string, deadline: number, pollMs: number): Promise<HttpResponse> {
  let last = '';
  for (;;) {
    let res: HttpResponse | undefined;
    try {
      res = await http.send({ method: 'GET', url, headers: { accept: 'application/json' } });
    } catch (err) {
      last = (err as Error).message;
    }
    if (res) {
      // Expectations quote the body in their messages, and a gateway or upstream may echo the key it was sent.
      const problem = expectation({ ...res, body: http.redact(res.body) });
      if (!problem) return res;
      last = problem;
      if (!notYet(res) && res.status < 500) {
        throw ApplicationFailure.create({ type: ErrorType.SmokeTestFailed, nonRetryable: true, message: `${what}: ${problem}` });
      }
    }
    if (Date.now() > deadline) {
      throw ApplicationFailure.create({ type: ErrorType.HttpUnavailable, message: `${what}: the gateway did not answer as expected in time: ${last}` });
    }
    await sleep(pollMs);
  }
}
