import { resolveRef, SecretRefError } from '../../config/secret-ref.js';
import type { PreflightContext } from './context.js';
import { verifyRegistryLogin } from './registry-login.js';
import { registryOf } from './template-facts.js';
import type { CheckOutcome } from './types.js';

/** The pull secret 3scale 2.6+ templates reference from their `amp` service account. */
export const TEMPLATE_PULL_SECRET = 'threescale-registry-auth';
/** Registries known to need a login for 3scale images. */
const AUTHENTICATED = new Set(['registry.redhat.io']);
/** Registries known to serve 3scale images without one (3scale 2.4 and older). */
const OPEN = new Set(['registry.access.redhat.com']);

/** `https://registry.redhat.io/` → `registry.redhat.io`. */
function hostOf(server: string): string {
  return server.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
}

function resolveAll(ctx: PreflightContext, problems: string[]): { server?: string; username?: string; password?: string } {
  const reg = ctx.input.registry!;
  const out: { server?: string; username?: string; password?: string } = {};
  for (const key of ['server', 'username', 'password'] as const) {
    try {
      out[key] = resolveRef(reg[key], ctx.deps.env);
      if (key === 'password') ctx.deps.redactor.add(out[key], 'registry password');
    } catch (err) {
      if (!(err instanceof SecretRefError)) throw err;
      // Worded without `registry.password: …`, which the redactor's NAME: value rule would take for a secret.
      problems.push(`registry.${key} cannot be resolved from ${err.ref} (${err.message}); references resolve in the worker's environment`);
    }
  }
  return out;
}

/**
 * Check 6: registry credentials. References resolve in the worker's environment; when the template pulls from
 * the registry they are for, the registry accepts them (an unreachable registry is only a warning); a template
 * that pulls with `threescale-registry-auth` (2.6+) needs the spec's `registry`.
 */
export async function checkRegistry(ctx: PreflightContext): Promise<CheckOutcome> {
  const t = ctx.template;
  const reg = ctx.input.registry;
  const problems: string[] = [];
  const hosts = t ? [...new Set(t.images.map(registryOf))].sort() : [];
  const pulledWith = t?.pullSecrets.includes(TEMPLATE_PULL_SECRET) ?? false;
  const from = `the template pulls from ${hosts.join(', ') || 'no registry'}`;
  if (!reg) {
    const needLogin = hosts.filter((h) => AUTHENTICATED.has(h));
    if (pulledWith || needLogin.length > 0) {
      problems.push(
        `${pulledWith ? `the template ${t!.name} pulls its images with secret ${TEMPLATE_PULL_SECRET}` : from}, and ${needLogin.join(', ') || 'its registry'} needs a login, ` +
          'but the spec has no registry section (server registry.redhat.io, a username, and the password as env:NAME or file:PATH)',
      );
    }
    return { problems, summary: t ? `${from}; no credentials given` : undefined, skipped: t ? undefined : 'the template is not readable (see template)' };
  }
  const values = resolveAll(ctx, problems);
  if (pulledWith && reg.secretName !== TEMPLATE_PULL_SECRET) {
    problems.push(`the template pulls with secret ${TEMPLATE_PULL_SECRET}, but registry.secretName is ${reg.secretName}, which it would never use; remove registry.secretName or set it to ${TEMPLATE_PULL_SECRET}`);
  }
  if (!t) return { problems, skipped: 'the template is not readable (see template): the credentials were not tried' };
  if (!values.server || !values.username || !values.password) return { problems };
  const host = hostOf(values.server);
  const uncovered = hosts.filter((h) => AUTHENTICATED.has(h) && h !== host);
  if (uncovered.length > 0) {
    problems.push(`the template pulls from ${uncovered.join(', ')}, which needs a login, but the credentials are for ${host} (registry.server)`);
  }
  if (!hosts.includes(host)) return { problems, summary: `${from}; the credentials for ${host} are not used by it` };
  if (OPEN.has(host)) return { problems, summary: `${from}; ${host} needs no login` };
  ctx.deps.redactor.add(Buffer.from(`${values.username}:${values.password}`).toString('base64'), 'registry auth');
  const verdict = await verifyRegistryLogin({ host, username: values.username, password: values.password, ca: ctx.options.registryCa, timeoutMs: ctx.options.probeTimeoutMs });
  const redact = (text: string) => ctx.deps.redactor.redact(text);
  switch (verdict.kind) {
    case 'accepted':
      return { problems, summary: redact(`${host} accepted the credentials of ${values.username}`) };
    case 'open':
      return { problems, summary: `${host} needs no login` };
    case 'refused':
      problems.push(redact(`${host} refused the credentials of ${values.username} (HTTP ${verdict.status}): fix registry.username / registry.password (a registry service account token is the usual choice)`));
      return { problems };
    case 'untrusted':
      return { problems, warnings: [redact(`the worker does not trust the certificate of ${host} (${verdict.reason}), so the credentials were not tried; they are checked only when the images are pulled`)] };
    case 'unreachable':
      return { problems, warnings: [redact(`${host} could not be reached to check the credentials (${verdict.reason}); they are checked only when the images are pulled`)] };
    default:
      return { problems, warnings: [redact(`the credentials could not be checked against ${host}: ${verdict.reason}`)] };
  }
}
