import { z } from 'zod';

const project = z.string().optional().describe('Only in this project (any project when omitted).');

/** Fail or hang the next calls of a CLI subcommand. */
export const CliFaultSchema = z.object({
  kind: z.literal('cli'),
  match: z.string().min(1).describe('cli + argument prefix, e.g. "oc new-app" or "oc get pods" (global flags ignored)'),
  times: z.number().int().positive().optional().describe('How many calls it affects (every call when omitted).'),
  stderr: z.string().optional(),
  stdout: z.string().optional(),
  exitCode: z.number().int().min(0).max(255).optional(),
  hangSeconds: z.number().positive().optional().describe('Real seconds to hang before failing (or running normally).'),
});

/** Make `minishift start` fail at a stage with the real text. */
export const MinishiftStartFaultSchema = z.object({
  kind: z.literal('minishift-start'),
  stage: z.enum(['image-pull', 'vm-start', 'cluster-up', 'github-check']),
  times: z.number().int().positive().optional(),
});

/** Break the pods of a DeploymentConfig. */
export const PodFaultSchema = z.object({
  kind: z.literal('pod'),
  dc: z.string().min(1),
  project,
  mode: z.enum(['image-pull-unauthorized', 'crashloop']),
  container: z.string().optional().describe('Only this container (all containers of the pod when omitted).'),
  forSeconds: z.number().positive().optional().describe('Simulated seconds the fault lasts per pod (for good when omitted).'),
});

/** Keep a PersistentVolumeClaim unbound. */
export const PvcFaultSchema = z.object({ kind: z.literal('pvc'), claim: z.string().min(1), project });

/** Fail an ImageStream import with the registry's unauthorized answer. */
export const ImportFaultSchema = z.object({
  kind: z.literal('import'),
  imagestream: z.string().min(1),
  tag: z.string().optional(),
  project,
});

/** Make a DeploymentConfig lifecycle hook fail a number of times. */
export const HookFaultSchema = z.object({
  kind: z.literal('hook'),
  dc: z.string().min(1),
  hook: z.enum(['pre', 'mid', 'post']).default('pre'),
  failures: z.number().int().positive(),
  project,
});

/** Make the router answer an error for requests to a host. */
export const GatewayFaultSchema = z.object({
  kind: z.literal('gateway'),
  host: z.string().optional().describe('Exact Host header, or "*.suffix"; every host when omitted.'),
  status: z.number().int().min(400).max(599).default(503),
  body: z.string().default(''),
  times: z.number().int().positive().default(1),
});

/** One injected fault (see docs/simulator.md). */
export const FaultSchema = z.discriminatedUnion('kind', [
  CliFaultSchema,
  MinishiftStartFaultSchema,
  PodFaultSchema,
  PvcFaultSchema,
  ImportFaultSchema,
  HookFaultSchema,
  GatewayFaultSchema,
]);

