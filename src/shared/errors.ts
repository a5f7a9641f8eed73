/**
 * Failure types: the `type` of every ApplicationFailure an activity throws. Workflows, retry policies and the
 * CLI match failures by these strings, never by `instanceof` (which breaks across the workflow sandbox and
 * Jest realms). Workflow-safe: no imports.
 */
export const ErrorType = {
  /** Thrown when an activity's input or the spec is invalid (a human must fix it). */
  InvalidInput: 'InvalidInput',
  /** Thrown when the configured `oc`/`minishift` executable does not exist. */
  CliNotFound: 'CliNotFound',
  /** Thrown when a CLI call ran past its timeout (retryable). */
  CliTimedOut: 'CliTimedOut',
  /** Thrown when a CLI call failed in a way no rule recognises (retryable: most such failures are transient). */
  CliFailed: 'CliFailed',
  /** Thrown when the API server cannot be reached: connection refused, no route, i/o timeout (retryable). */
  ClusterUnreachable: 'ClusterUnreachable',
  /** Thrown when the API server answers 5xx / InternalError / ServiceUnavailable (retryable). */
  ServerError: 'ServerError',
  /** Thrown when credentials are refused: `oc login` 401, expired token, registry unauthorized. */
  Unauthorized: 'Unauthorized',
  /** Thrown when the VM did not start or `minishift ip` printed no IPv4 address. */
  VmStartFailed: 'VmStartFailed',
  /** Thrown when the project is being deleted (retryable: wait until it is gone). */
  ProjectTerminating: 'ProjectTerminating',
  /** Thrown when the template file cannot be found or fetched. */
  TemplateNotFound: 'TemplateNotFound',
  /** Thrown when the template cannot be processed: not a template, bad YAML, unknown parameter. */
  TemplateInvalid: 'TemplateInvalid',
  /** Thrown when a required template parameter (WILDCARD_DOMAIN) is missing. */
  MissingParameter: 'MissingParameter',
  /** Thrown when template objects are still being created by an earlier `oc new-app` (retryable). */
  DeployInProgress: 'DeployInProgress',
  /** Thrown when pods cannot pull their images because the registry refuses the credentials. */
  ImagePullUnauthorized: 'ImagePullUnauthorized',
  /** Thrown when an ImageStream import keeps failing. */
  ImageImportFailed: 'ImageImportFailed',
  /** Thrown when a DeploymentConfig rollout failed (deadline exceeded, hook aborted). */
  RolloutFailed: 'RolloutFailed',
  /** Thrown when the system-app pre-hook keeps crashing past its budget. */
  HookCrashLoop: 'HookCrashLoop',
  /** Thrown when a PersistentVolumeClaim stays unbound past its budget. */
  PvcUnbound: 'PvcUnbound',
  /** Thrown when DeploymentConfigs are still not available at the readiness deadline. */
  ReadinessTimeout: 'ReadinessTimeout',
  /** Thrown when the router refuses this install's routes (their hosts are held by another project's routes). */
  RouteNotAdmitted: 'RouteNotAdmitted',
  /** Thrown when the smoke test's API calls or gateway answers are wrong (the message says which). */
  SmokeTestFailed: 'SmokeTestFailed',
  /** Thrown when an HTTP endpoint answered 5xx or could not be reached (retryable). */
  HttpUnavailable: 'HttpUnavailable',
  /** Thrown when preflight found problems (the details list all of them). */
  PreflightFailed: 'PreflightFailed',
  /** Thrown when a webhook answers 4xx (other than 408/429): sending the same notification again cannot help. */
  WebhookRejected: 'WebhookRejected',
} as const;
export type ErrorType = (typeof ErrorType)[keyof typeof ErrorType];

/** Failure types a retry cannot fix: retry policies list them as non-retryable. */
export const NON_RETRYABLE_ERROR_TYPES: ErrorType[] = [
  ErrorType.InvalidInput,
  ErrorType.CliNotFound,
  ErrorType.Unauthorized,
  ErrorType.TemplateNotFound,
  ErrorType.TemplateInvalid,
  ErrorType.MissingParameter,
  ErrorType.ImagePullUnauthorized,
  ErrorType.ImageImportFailed,
  ErrorType.RolloutFailed,
  ErrorType.HookCrashLoop,
  ErrorType.PvcUnbound,
  ErrorType.ReadinessTimeout,
  ErrorType.SmokeTestFailed,
  ErrorType.PreflightFailed,
  ErrorType.RouteNotAdmitted,
];

/** Structured details every failure of ours carries (in ApplicationFailure.details[0]). */
export interface FailureDetails {
  /** What went wrong, for humans, already redacted. */
  diagnosis?: string;
  /** What a human should do about it. */
  suggestion?: string;
  /** The CLI call that failed, redacted. */
  command?: string;
  exitCode?: number;
  /** Last lines of stderr, redacted. */
  stderrTail?: string;
  /** The activity attempt that failed. */
  attempt?: number;
}
