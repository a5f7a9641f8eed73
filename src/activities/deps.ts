import type { Client } from '@temporalio/client';

/** What redaction the activities need: register a secret value, scrub text. Implemented by src/redaction. */
export interface SecretScrubber {
  /** Remember a secret value so that every later text scrubbed by this instance hides it. */
  add(value: string, label: string): void;
  /** The text with every known secret value (and secret-shaped value) replaced. */
  redact(text: string): string;
}

/**
 * Everything activities need from the outside world, injected by the worker (and by tests). Activities never
 * read process.env themselves: that is how tests point them at the simulator's `oc`/`minishift`.
 */
export interface ActivityDeps {
  /** Executables to run: a name looked up on PATH, or a path. */
  cli: { oc: string; minishift: string };
  /** Environment of every CLI child (PATH, KUBECONFIG, MINISHIFT_HOME, AMP_SIM_*). */
  env: NodeJS.ProcessEnv;
  /** The one redaction mechanism (execa call site, HTTP client, logger). */
  redactor: SecretScrubber;
  /** Folder for caches (upstream templates). */
  dataDir: string;
  /** Where upstream templates are fetched from when not cached (a mirror of the upstream layout). @default the upstream repository */
  templatesUrl?: string;
  /** A client to report progress to the running workflow (optional: progress signals are skipped without it). */
  client?: Client;
  /** How often waiting steps poll the cluster. @default 5000 */
  pollMs?: number;
}
