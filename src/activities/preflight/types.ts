import type { InstallSpec } from '../../shared/spec.js';

/** What preflight reads from the spec (the plugin and the `preflight` workflow build it with `preflightInput`). */
export type PreflightInput = Pick<InstallSpec, 'platform' | 'openshift' | 'registry' | 'threescale' | 'router'>;

/** The checks, in the order they run (later checks use what earlier ones found). */
export const CHECK_NAMES = ['tools', 'template', 'cluster', 'resources', 'domain', 'project', 'registry'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

/** The outcome of one check. Problems stop the install; warnings do not. Never carries a secret. */
export interface CheckResult {
  check: CheckName;
  ok: boolean;
  problems: string[];
  warnings: string[];
  /** One line on what the check found, e.g. `oc v3.11.0+0cbc58b, minishift v1.34.3+4b58f89`. */
  summary?: string;
  /** Why the check could not run (an earlier check reports the cause), e.g. `oc is not available`. */
  skipped?: string;
}

/** Every check's result; `ok` when no check found a problem. */
export interface PreflightReport {
  ok: boolean;
  checks: CheckResult[];
  /** Every problem, prefixed with its check (`project: …`). */
  problems: string[];
  /** Every warning, prefixed with its check. */
  warnings: string[];
}

/** What a check returns; the runner adds `check` and `ok`. */
export type CheckOutcome = Partial<Pick<CheckResult, 'problems' | 'warnings' | 'summary' | 'skipped'>>;
