import { resolveRef, SecretRefError } from '../../config/secret-ref.js';
import type { ActivityDeps } from '../deps.js';
import { invalidInput } from './step-activity.js';

/**
 * Resolves an `env:`/`file:` reference in the worker (so the value never travels through the workflow) and
 * registers it with the redactor when it is a secret. An unresolvable reference is bad input, named.
 */
export function resolveInActivity(deps: ActivityDeps, ref: string, what: string, secret: boolean): string {
  try {
    const value = resolveRef(ref, deps.env);
    if (secret) deps.redactor.add(value, what);
    return value;
  } catch (err) {
    if (err instanceof SecretRefError) throw invalidInput(`${what}: cannot resolve ${err.ref}: ${err.message}`);
    throw err;
  }
}
