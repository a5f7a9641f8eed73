import type { PreflightContext } from './context.js';
import { within } from './context.js';
import type { CheckOutcome } from './types.js';

/** A stand-in VM address for "does nip.io resolve at all" while the VM's own address is unknown. */
const SAMPLE_IP = '192.168.42.106';

/** The wildcard domain the install will use, when it can be known now. */
function domainOf(ctx: PreflightContext): { domain?: string; derived: boolean } {
  const explicit = ctx.input.threescale.wildcardDomain;
  if (explicit) return { domain: explicit, derived: false };
  const p = ctx.input.platform;
  const ip = p.type === 'existing' ? (p.address ?? ctx.input.router?.address ?? ctx.cluster?.ip) : ctx.cluster?.ip;
  return { domain: ip ? `${ip}.nip.io` : undefined, derived: true };
}

async function resolves(ctx: PreflightContext, host: string): Promise<{ address?: string; error?: string }> {
  try {
    return { address: await within(ctx.options.lookup(host), ctx.options.probeTimeoutMs, `resolving ${host}`) };
  } catch (err) {
    return { error: (err as NodeJS.ErrnoException).code ?? (err as Error).message };
  }
}

/**
 * Check 4: the admin portal's host name under the wildcard domain resolves, or `router.address` says where the
 * router is (route hosts are then reached like `curl --resolve`). An explicit `threescale.wildcardDomain` that
 * does not resolve is a problem. The derived `<cluster IP>.nip.io` (minishift's default, known once the VM runs;
 * before that, whether nip.io resolves at all is checked) is only a warning offline: the install reaches its
 * route hosts through that same cluster address, so only people's browsers need the name, and nip.io answers
 * them whenever they are online.
 */
export async function checkDomain(ctx: PreflightContext): Promise<CheckOutcome> {
  const tenant = ctx.template?.params.TENANT_NAME ?? '3scale';
  const router = ctx.input.router?.address;
  const { domain, derived } = domainOf(ctx);
  const vmIp = ctx.input.platform.type === 'minishift' ? ` (the VM IP${ctx.cluster?.ip ? ` ${ctx.cluster.ip}` : ', once it runs'})` : '';
  const fix = `set router.address to the OpenShift router's IP${vmIp}, or threescale.wildcardDomain to a domain whose names resolve from the worker`;
  const forBrowsers = (host: string, error?: string) =>
    `${host} does not resolve from this worker (${error}); the install reaches route hosts through the cluster address, ` +
    `but browsers need the name to resolve (nip.io answers when they are online); to silence this, ${fix}`;
  if (!domain) {
    if (router) return { summary: `the domain is <VM IP>.nip.io once the VM runs; route hosts are reached through router.address ${router}` };
    const host = `${tenant}-admin.${SAMPLE_IP}.nip.io`;
    const r = await resolves(ctx, host);
    if (r.address) return { summary: 'the domain is <VM IP>.nip.io once the VM runs; nip.io names resolve from this worker' };
    // Only a probe of nip.io itself: naming the probe's sample address in a warning would only confuse.
    return {
      summary: 'the domain is <VM IP>.nip.io once the VM runs; route hosts are reached through the VM address',
      warnings: [
        `nip.io names do not resolve from this worker (${r.error}); the install reaches route hosts through the VM address, ` +
          'but browsers need <VM IP>.nip.io to resolve (it does when they are online)',
      ],
    };
  }
  const host = `${tenant}-admin.${domain}`;
  const r = await resolves(ctx, host);
  if (r.address) return { summary: `${host} resolves to ${r.address}` };
  if (router) return { summary: `${host} does not resolve (${r.error}); route hosts are reached through router.address ${router}` };
  if (derived) return { summary: `${host} does not resolve; route hosts are reached through the cluster address`, warnings: [forBrowsers(host, r.error)] };
  return { problems: [`${host} does not resolve (${r.error}), so threescale.wildcardDomain ${domain} is not usable without router.address: ${fix}`] };
}
