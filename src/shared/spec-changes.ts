/**
 * Changes to a spec as `path=value` strings (`amp-installer resume ID --set timeouts.waitForReadiness=60m`),
 * applied by the workflow when an install resumes. Workflow-safe.
 */
import { formatProblems, parseSpec, type InstallSpec, type InstallSpecInput } from './spec.js';

/** Fields that identify the install's target: changing them would make it another install (another workflow id). */
const IDENTITY_PATHS = ['platform.type', 'platform.profile', 'platform.server', 'openshift.project'];

/** Thrown when changes cannot be applied; the message says which change and why. */
export class SpecChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpecChangeError';
  }
}

/** A `--set` value: true/false, numbers and `null` (removes the key) are typed; anything else is a string. */
function parseValue(raw: string): unknown {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw === 'null') return undefined;
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  return raw;
}

/** The spec input with the changes applied (a deep copy; the input is not modified). */
export function applyChanges(input: InstallSpecInput, changes: readonly string[]): InstallSpecInput {
  const copy = JSON.parse(JSON.stringify(input ?? {})) as Record<string, unknown>;
  for (const change of changes) {
    const eq = change.indexOf('=');
    if (eq <= 0) throw new SpecChangeError(`"${change}" is not a change: write path=value, e.g. timeouts.waitForReadiness=60m`);
    const path = change.slice(0, eq).trim();
    if (!/^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/.test(path)) throw new SpecChangeError(`"${path}" is not a spec path (dotted keys such as registry.password)`);
    if (IDENTITY_PATHS.includes(path)) {
      throw new SpecChangeError(`${path} cannot change on resume: it identifies the install's target (start a new install instead)`);
    }
    const keys = path.split('.');
    let node = copy;
    for (const key of keys.slice(0, -1)) {
      const next = node[key];
      if (next === undefined || next === null) node[key] = {};
      else if (typeof next !== 'object' || Array.isArray(next)) throw new SpecChangeError(`${path}: ${key} is not an object in the spec`);
      node = node[key] as Record<string, unknown>;
    }
    const value = parseValue(change.slice(eq + 1));
    if (value === undefined) delete node[keys[keys.length - 1]];
    else node[keys[keys.length - 1]] = value;
  }
  return copy as InstallSpecInput;
}

/** Applies changes and validates the result: the new spec, or a {@link SpecChangeError} listing every problem. */
export function changedSpec(input: InstallSpecInput, changes: readonly string[]): { input: InstallSpecInput; spec: InstallSpec } {
  const next = applyChanges(input, changes);
  const parsed = parseSpec(next);
  if (parsed.problems) throw new SpecChangeError(`the changed spec is invalid:\n${formatProblems(parsed.problems)}`);
  return { input: next, spec: parsed.spec };
}
