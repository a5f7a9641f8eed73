/**
 * The install spec: the one zod schema that is the source of the spec's types, of its JSON Schema
 * (schema/install-spec.schema.json) and of every check on it — in the CLI, in the worker and inside the
 * `install` workflow (zod is pure, so this module is safe in the workflow sandbox).
 */
import { z } from 'zod';

/** A DNS-1123 label, as OpenShift requires for project names. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A Temporal/ms-style duration such as `90s`, `10m`, `2h`. */
const DURATION = /^\d+(\.\d+)?(ms|s|m|h|d)$/;
/** A secret reference: `env:NAME` (an environment variable of the worker) or `file:PATH`. */
export const SECRET_REF = /^(env:[A-Za-z_][A-Za-z0-9_]*|file:.+)$/;

const duration = (what: string) =>
  z.string().regex(DURATION, { message: `must be a duration like 90s, 10m or 2h (${what})` });

/** Template parameters whose values are secrets (ADMIN_PASSWORD, MASTER_ACCESS_TOKEN, RECAPTCHA_PRIVATE_KEY …). */
export function isSecretParameter(name: string): boolean {
  return /PASSWORD|TOKEN|SECRET|PRIVATE_KEY|KEY_BASE/.test(name);
}

/** A value that may be given inline or as a reference (`env:NAME`, `file:PATH`). */
const valueOrRef = z.string().min(1);

/** A secret: only a reference is accepted, so no secret ever sits in a spec file or in workflow history. */
const secretRef = z.string().superRefine((value, ctx) => {
  if (!SECRET_REF.test(value)) {
    ctx.addIssue({
      code: 'custom',
      message:
        'inline secrets are not accepted; reference the value instead: env:NAME (an environment variable of the ' +
        'worker) or file:PATH (a file the worker can read)',
    });
  }
});

const memory = z
  .string()
  .regex(/^\d+(MB|GB)$/, { message: 'must be a size like 6GB or 6144MB (the unit minishift takes: MB or GB)' });

const minishiftPlatform = z
  .strictObject({
    type: z.literal('minishift').describe('A local Minishift 1.34 VM (OpenShift 3.11).'),
    profile: z
      .string()
      .regex(DNS1123_LABEL, { message: 'must be a DNS-1123 label (lower case letters, digits and -)' })
      .default('minishift')
      .describe('Minishift profile: one VM per profile.'),
    memory: memory.default('6GB').describe('VM memory, applied only when the VM is created.'),
    cpus: z.number().int().min(1).max(64).default(2).describe('VM CPUs, applied only when the VM is created.'),
    diskSize: z
      .string()
      .regex(/^\d+(MB|GB)$/, { message: 'must be a size like 20GB' })
      .optional()
      .describe('VM disk size (minishift --disk-size).'),
    vmDriver: z.string().optional().describe('minishift --vm-driver (kvm, virtualbox, …).'),
  })
  .describe('Minishift platform');

const existingPlatform = z
  .strictObject({
    type: z.literal('existing').describe('An OpenShift 3.11 cluster that already runs; the kubeconfig logs in.'),
    server: z.url({ message: 'must be the API server URL, e.g. https://master.example.com:8443' }).optional(),
    address: z.string().optional().describe('The cluster router IP, used to derive the wildcard domain.'),
  })
  .describe('Existing cluster platform');

/** Steps whose timeouts, retries and failure policy the spec can tune. */
export const STEP_NAMES = [
  'preflight',
  'startCluster',
  'login',
  'ensureProject',
  'ensurePullSecret',
  'deployTemplate',
  'waitForReadiness',
  'smokeTest',
] as const;
export type StepName = (typeof STEP_NAMES)[number];

const stepMap = <T extends z.ZodType>(value: T) => z.partialRecord(z.enum(STEP_NAMES), value);

const retryPolicy = z.strictObject({
  maximumAttempts: z.number().int().min(1).max(1000).optional().describe('Attempts before the step counts as failed.'),
  initialInterval: duration('first retry delay').optional(),
  maximumInterval: duration('longest retry delay').optional(),
  backoffCoefficient: z.number().min(1).max(10).optional(),
});

export const InstallSpecSchema = z
  .strictObject({
    platform: z.discriminatedUnion('type', [minishiftPlatform, existingPlatform]).default({
      type: 'minishift',
      profile: 'minishift',
      memory: '6GB',
      cpus: 2,
    }),
    openshift: z
      .strictObject({
        user: z.string().min(1).default('system:admin').describe('The user `oc login -u` logs in as.'),
        project: z
          .string()
          .min(2, { message: 'must be at least 2 characters long (OpenShift project names)' })
          .max(63, { message: 'must be at most 63 characters (a DNS-1123 label)' })
          .regex(DNS1123_LABEL, {
            message: "must be a DNS-1123 label: lower case letters, digits and '-', starting and ending with a letter or digit",
          })
          .refine((p) => !/^(openshift|kubernetes|kube)(-|$)/.test(p), {
            message: 'names openshift, kubernetes, kube and their "-" prefixes are reserved by OpenShift',
          })
          .default('3scale')
          .describe('OpenShift project (namespace) 3scale goes into.'),
      })
      .default({ user: 'system:admin', project: '3scale' }),
    registry: z
      .strictObject({
        server: valueOrRef.default('registry.redhat.io').describe('Registry of the 3scale images (2.6+ need auth).'),
        username: valueOrRef.describe('Registry user name, inline or env:NAME / file:PATH.'),
        password: secretRef.describe('Registry password or token: env:NAME or file:PATH only.'),
        secretName: z.string().regex(DNS1123_LABEL).default('threescale-registry-auth'),
      })
      .optional()
      .describe('Credentials for the authenticated Red Hat registry; stored as a docker-registry secret.'),
    threescale: z
      .strictObject({
        release: z
          .string()
          .regex(/^2\.\d+(\.\d+)?$/, { message: 'must be a 3scale 2.x release such as 2.4.0' })
          .default('2.4.0')
          .describe('3scale release (the AMP_RELEASE template parameter).'),
        template: z
          .string()
          .min(1)
          .default('amp-eval-tech-preview')
          .describe(
            'A template file path (contains / or ends in .yml/.yaml/.json), or the name of an upstream template ' +
              '(amp-eval-tech-preview, amp) fetched for the release and cached.',
          ),
        wildcardDomain: z
          .string()
          .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, { message: 'must be a DNS domain such as 192.168.42.106.nip.io' })
          .optional()
          .describe('WILDCARD_DOMAIN; default <VM IP>.nip.io.'),
        parameters: z
          .record(z.string(), z.string())
          .superRefine((params, ctx) => {
            for (const [name, value] of Object.entries(params)) {
              if (!/^[A-Z_][A-Z0-9_]*$/.test(name)) {
                ctx.addIssue({ code: 'custom', path: [name], message: 'template parameter names are upper case (e.g. TENANT_NAME)' });
              } else if (isSecretParameter(name) && !SECRET_REF.test(value)) {
                ctx.addIssue({
                  code: 'custom',
                  path: [name],
                  message: 'a secret parameter is not accepted inline; reference it as env:NAME or file:PATH',
                });
              }
            }
          })
          .default({})
          .describe('Extra template parameters (only names the template declares); secret ones (passwords, tokens, keys) as env:NAME or file:PATH.'),
      })
      .default({ release: '2.4.0', template: 'amp-eval-tech-preview', parameters: {} }),
    router: z
      .strictObject({
        address: z
          .string()
          .regex(/^\d{1,3}(\.\d{1,3}){3}$/, { message: 'must be an IPv4 address' })
          .optional()
          .describe('Where the OpenShift router listens, when route hosts do not resolve (like curl --resolve); default: the cluster address.'),
        httpPort: z.number().int().min(1).max(65535).default(80),
        httpsPort: z.number().int().min(1).max(65535).default(443),
      })
      .optional(),
    smokeTest: z
      .strictObject({
        enabled: z.boolean().default(true),
        serviceName: z.string().min(1).default('Echo API'),
        systemName: z
          .string()
          .regex(/^[a-z0-9][a-z0-9_-]*$/, { message: 'must be lower case letters, digits, _ and -' })
          .default('echo-api'),
        backend: z.url().default('https://echo-api.3scale.net:443').describe('api_backend of the smoke-test service.'),
        production: z.boolean().default(false).describe('Also promote and call the production gateway (up to ~6 min).'),
      })
      .default({ enabled: true, serviceName: 'Echo API', systemName: 'echo-api', backend: 'https://echo-api.3scale.net:443', production: false }),
    timeouts: stepMap(duration('per-step timeout'))
      .default({})
      .describe('Per-step start-to-close timeouts, e.g. { waitForReadiness: 45m }.'),
    heartbeatTimeouts: stepMap(duration('per-step heartbeat timeout'))
      .default({})
      .describe('Per-step heartbeat timeouts: how soon a step on a worker that died is retried elsewhere.'),
    retries: stepMap(retryPolicy).default({}).describe('Per-step retry policies.'),
    onFailure: stepMap(z.enum(['pause', 'fail']))
      .default({})
      .describe('What a step failure does: pause (wait for resume/abort; the default) or fail the install.'),
    pauseTimeout: duration('how long a paused install waits').optional(),
    notifications: z
      .strictObject({ webhook: z.url({ message: 'must be an http(s) URL' }) })
      .optional()
      .describe('Webhook called on installed, paused and failed (the payload carries no secrets).'),
  })
  .describe('amp-installer install spec');

/** The spec as written (defaults optional). */
export type InstallSpecInput = z.input<typeof InstallSpecSchema>;
/** The spec with defaults applied. */
export type InstallSpec = z.output<typeof InstallSpecSchema>;

/** One problem found in a spec, with its dotted path (`threescale.release`). */
export interface SpecProblem {
  path: string;
  message: string;
}

/** Dotted path of a zod issue, with array indices in brackets. */
function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc ? `${acc}.${String(key)}` : String(key);
  }, '');
}

/** Every problem zod found, all at once, one per offending key (unknown keys are listed by their own path). */
export function specProblems(error: z.ZodError): SpecProblem[] {
  const out: SpecProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: issuePath([...issue.path, key]), message: 'unknown key' });
    } else if (issue.code === 'invalid_union' && issue.path.length > 0 && issue.message.includes('discriminator')) {
      out.push({ path: issuePath(issue.path), message: issue.message });
    } else {
      out.push({ path: issuePath(issue.path) || '(root)', message: issue.message });
    }
  }
  return out;
}

/** Parses a spec object: the spec with defaults, or every problem at once. */
export function parseSpec(input: unknown): { spec: InstallSpec; problems?: undefined } | { spec?: undefined; problems: SpecProblem[] } {
  const result = InstallSpecSchema.safeParse(input ?? {});
  if (result.success) return { spec: result.data };
  return { problems: specProblems(result.error) };
}

/** `path: message` lines, the form every spec error is shown in. */
export function formatProblems(problems: readonly SpecProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('\n');
}
