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
 * router is (route hosts are then reached like `curl --resolve`). Minishift's default domain `<VM IP>.nip.io`
 * is known only while the VM runs; before that, whether nip.io names resolve from this worker at all is checked.
 */
export async function checkDomain(ctx: PreflightContext): Promise<CheckOutcome> {
  const tenant = ctx.template?.params.TENANT_NAME ?? '3scale';
  const router = ctx.input.router?.address;
  const { domain, derived } = domainOf(ctx);
  const fix =
    'set router.address to the OpenShift router\'s IP' +
    (ctx.input.platform.type === 'minishift' ? ` (the VM IP${ctx.cluster?.ip ? ` ${ctx.cluster.ip}` : ', once it runs'})` : '') +
    ', or threescale.wildcardDomain to a domain whose names resolve from the worker';
  if (!domain) {
    if (router) return { summary: `the domain is <VM IP>.nip.io once the VM runs; route hosts are reached through router.address ${router}` };
    const host = `${tenant}-admin.${SAMPLE_IP}.nip.io`;
    const r = await resolves(ctx, host);
    if (r.address) return { summary: `the domain is <VM IP>.nip.io once the VM runs; nip.io names resolve from this worker` };
    // The installer itself reaches route hosts through the VM's address (like curl --resolve): only people's
    // browsers need the name to resolve, which nip.io does whenever they are online.
    return {
      summary: 'the domain is <VM IP>.nip.io once the VM runs; route hosts are reached through the VM address',
      warnings: [`nip.io names do not resolve from this worker (${host}: ${r.error}): the installer reaches route hosts through the VM address; browsers need DNS (or ${fix.replace(/^set /, 'set ')})`],
    };
  }
  const host = `${tenant}-admin.${domain}`;
  const r = await resolves(ctx, host);
  if (r.address) return { summary: `${host} resolves to ${r.address}` };
  if (router) return { summary: `${host} does not resolve (${r.error}); route hosts are reached through router.address ${router}` };
  if (derived) {
    // <cluster ip>.nip.io: the installer connects to the cluster address itself, so this only affects browsers.
    return {
      summary: `${host} does not resolve (${r.error}); route hosts are reached through the cluster address`,
      warnings: [`${host} does not resolve from this worker (${r.error}): browsers need DNS for ${domain} (nip.io answers when online)`],
    };
  }
  return { problems: [`${host} does not resolve (${r.error}), so threescale.wildcardDomain ${domain} is not usable without router.address: ${fix}`] };
}
