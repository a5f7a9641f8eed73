/**
 * Fault shapes (see docs/simulator.md). Plain types so the CLIs can read faults without loading zod; the validating
 * schema (./schema.ts) is loaded only when a fault is added or a fault file is parsed.
 */

type Project = { project?: string };

/** One injected fault, validated, defaults applied. */
export type Fault =
  | { kind: 'cli'; match: string; times?: number; stderr?: string; stdout?: string; exitCode?: number; hangSeconds?: number }
  | { kind: 'minishift-start'; stage: 'image-pull' | 'vm-start' | 'cluster-up' | 'github-check'; times?: number }
  | ({ kind: 'pod'; dc: string; mode: 'image-pull-unauthorized' | 'crashloop'; container?: string; forSeconds?: number } & Project)
  | ({ kind: 'pvc'; claim: string } & Project)
  | ({ kind: 'import'; imagestream: string; tag?: string } & Project)
  | ({ kind: 'hook'; dc: string; hook: 'pre' | 'mid' | 'post'; failures: number } & Project)
  | { kind: 'gateway'; host?: string; status: number; body: string; times: number };

/** A fault as a user writes it (defaults not applied yet). */
export type FaultInput = Record<string, unknown> & { kind: string };

/** A fault with its identity and how often it was used. */
export type StoredFault = Fault & { id: string; used: number; source: 'cli' | 'file' };
