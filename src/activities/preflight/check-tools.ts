import { createCheckTools, type ToolReport } from '../tools/check-tools.js';
import type { PreflightContext } from './context.js';
import type { CheckOutcome } from './types.js';

/** Major versions the 3scale 2.x installs are built for (OpenShift 3.11, Minishift 1.34). */
const EXPECTED = { oc: /^oc v3\./, minishift: /^minishift v1\./ } as const;

function judge(cli: 'oc' | 'minishift', report: ToolReport, strict: boolean, out: Required<Pick<CheckOutcome, 'problems' | 'warnings'>>): boolean {
  if (!report.found) {
    out.problems.push(`${cli} not found on the worker: ${report.command} (install it, put it on the worker's PATH or set AMP_${cli.toUpperCase()})`);
    return false;
  }
  if (!report.version) {
    out.problems.push(`${report.command} is not a usable ${cli}: ${report.problem ?? `\`${cli} version\` printed no version`}`);
    return false;
  }
  if (!EXPECTED[cli].test(report.version)) {
    const expected = cli === 'oc' ? 'oc 3.x (OpenShift 3.11)' : 'minishift 1.x';
    (strict ? out.problems : out.warnings).push(`${report.version} found where ${expected} is expected`);
  }
  return true;
}

/**
 * Check 1: the CLIs the plan runs exist on this worker, in the versions it is built for — `oc` and
 * `minishift` for the minishift platform, only `oc` for an existing cluster (whose `oc` need not be 3.x).
 */
export async function checkTools(ctx: PreflightContext): Promise<CheckOutcome> {
  const report = await createCheckTools(ctx.deps)();
  const out = { problems: [] as string[], warnings: [] as string[] };
  const minishift = ctx.input.platform.type === 'minishift';
  const oc = judge('oc', report.oc, minishift, out);
  const ms = minishift ? judge('minishift', report.minishift, true, out) : false;
  ctx.tools = { oc, minishift: ms };
  const found = [report.oc.version, minishift ? report.minishift.version : undefined].filter(Boolean);
  return { ...out, summary: found.length ? found.join(', ') : undefined };
}
