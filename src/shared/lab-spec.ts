/**
 * The lab spec: N student environments provisioned from one install spec, in one of the two real lab layouts
 * (a tenant per student on one shared 3scale, or a whole install per student on its own Minishift VM). One zod
 * schema is the source of the types, of schema/lab-spec.schema.json and of every check; workflow-safe (zod is pure).
 */
import { z } from 'zod';

import { DNS1123_LABEL, InstallSpecSchema, specProblems, type InstallSpec, type SpecProblem } from './spec.js';

/** A duration such as `90s`, `10m`, `4h`, `3d` (the forms Temporal timers take). */
export const LAB_DURATION = /^\d+(\.\d+)?(ms|s|m|h|d)$/;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds of a {@link LAB_DURATION} string; NaN when it is not one. */
export function durationMs(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value.trim());
  return m ? Math.round(Number(m[1]) * UNIT_MS[m[2]]) : Number.NaN;
}

/** Longest lab name: the VM profiles of an `installs` lab are `<name>-<student>` (at most 61 characters: a DNS label). */
export const LAB_NAME_MAX = 30;
/** Longest student name: it becomes a tenant subdomain, part of gateway hosts (`echo-api-<student>-apicast-staging`). */
export const STUDENT_NAME_MAX = 30;

const dnsLabel = (what: string, max: number) =>
  z
    .string()
    .max(max, { message: `must be at most ${max} characters` })
    .regex(DNS1123_LABEL, { message: `must be a DNS-1123 label (lower case letters, digits and -): ${what}` });

const studentName = dnsLabel('a student name', STUDENT_NAME_MAX);

export const LabSpecSchema = z
  .strictObject({
    name: dnsLabel('the lab name', LAB_NAME_MAX).describe('Lab name; the lab workflow id is lab-<name>.'),
    layout: z
      .enum(['tenants', 'installs'])
      .describe('tenants: one shared 3scale install and a tenant per student; installs: a whole install per student on its own Minishift VM.'),
    students: z
      .union([
        z.array(studentName).min(1, { message: 'list at least one student' }),
        z.strictObject({ count: z.number().int().min(1).max(500).describe('student1 … studentN') }),
      ])
      .describe('Student names, or { count: N } for student1..N.'),
    concurrency: z.number().int().min(1).max(100).default(2).describe('At most this many students are provisioned at once.'),
    canary: z.boolean().default(true).describe('Provision the first student alone first; the others wait until it is ready.'),
    ttl: z
      .string()
      .regex(LAB_DURATION, { message: 'must be a duration like 90m, 8h or 3d' })
      .describe('How long the lab lives before it is torn down (extend it with `amp-installer lab extend`).'),
    install: InstallSpecSchema.describe('The shared install (tenants) or the template of every student install (installs).'),
    notifications: z
      .strictObject({ webhook: z.url({ message: 'must be an http(s) URL' }) })
      .optional()
      .describe('Webhook called on lab-ready and lab-torn-down (the payload carries no secrets).'),
    continueAsNewAfter: z
      .number()
      .int()
      .min(50)
      .optional()
      .describe("Continue as new once the history has this many events (default: the server's suggestion)."),
  })
  .superRefine((spec, ctx) => {
    const names = studentNames(spec);
    const seen = new Set<string>();
    names.forEach((n, i) => {
      if (seen.has(n)) ctx.addIssue({ code: 'custom', path: ['students', i], message: `student ${n} is listed twice` });
      seen.add(n);
    });
    for (const problem of layoutProblems(spec.layout, names, spec.install)) {
      ctx.addIssue({ code: 'custom', path: problem.path.split('.'), message: problem.message });
    }
  })
  .describe('amp-installer lab spec');

/** The lab spec as written (defaults optional). */
export type LabSpecInput = z.input<typeof LabSpecSchema>;
/** The lab spec with defaults applied. */
export type LabSpec = z.output<typeof LabSpecSchema>;
/** One of the two lab layouts. */
export type LabLayout = LabSpec['layout'];

/** The student names of a spec: the list as given, or student1..N. */
export function studentNames(spec: Pick<LabSpec, 'students'>): string[] {
  return Array.isArray(spec.students) ? [...spec.students] : Array.from({ length: spec.students.count }, (_, i) => `student${i + 1}`);
}

/**
 * What a layout forbids: `installs` needs Minishift (a VM per student); `tenants` students may not take the subdomain
 * of the default tenant or of the master portal.
 */
export function layoutProblems(layout: LabLayout, students: readonly string[], install: InstallSpec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  if (layout === 'installs') {
    if (install.platform.type !== 'minishift') problems.push({ path: 'install.platform.type', message: 'the installs layout needs minishift: every student gets a VM (profile <lab>-<student>)' });
  } else {
    // A tenant's portals are <subdomain> and <subdomain>-admin; the shared install already owns these names.
    const tenant = install.threescale.parameters.TENANT_NAME ?? '3scale';
    const taken = new Set([tenant, `${tenant}-admin`, install.threescale.parameters.MASTER_NAME ?? 'master']);
    for (const s of students) {
      if (taken.has(s) || taken.has(`${s}-admin`)) {
        problems.push({ path: 'students', message: `student ${s} would take a portal domain of the shared install (${[...taken].join(', ')})` });
      }
    }
  }
  return problems;
}

/** Parses a lab spec: the spec with defaults, or every problem at once (paths like `install.openshift.project`). */
export function parseLabSpec(input: unknown): { spec: LabSpec; problems?: undefined } | { spec?: undefined; problems: SpecProblem[] } {
  const result = LabSpecSchema.safeParse(input ?? {});
  if (result.success) return { spec: result.data };
  return { problems: specProblems(result.error) };
}

/** The workflow id of a lab: one lab workflow per name. */
export function labWorkflowId(name: string): string {
  return `lab-${name}`;
}

/** The VM profile of a student of an `installs` lab. */
export function studentProfile(lab: string, student: string): string {
  return `${lab}-${student}`;
}

/** The install spec of one student of an `installs` lab: the lab's install on the student's own VM. */
export function studentInstallSpec(spec: LabSpec, student: string): InstallSpec {
  if (spec.install.platform.type !== 'minishift') throw new Error('the installs layout needs a minishift platform');
  return { ...spec.install, platform: { ...spec.install.platform, profile: studentProfile(spec.name, student) } };
}
