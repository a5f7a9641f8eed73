import { ApplicationFailure } from '@temporalio/common';

import type { FailureDetails } from '../../shared/errors.js';
import { resolveTemplateFile } from '../template/template-file.js';
import type { PreflightContext } from './context.js';
import { templateFacts } from './template-facts.js';
import type { CheckOutcome } from './types.js';

/**
 * The template the install deploys can be found (a file, or the release's upstream template, cached) and read
 * as an OpenShift Template whose parameters include the spec's. The other checks measure the spec against it.
 */
export async function checkTemplate(ctx: PreflightContext): Promise<CheckOutcome> {
  const { template, release, parameters } = ctx.input.threescale;
  let file: string;
  try {
    file = await resolveTemplateFile(ctx.deps, template, release);
  } catch (err) {
    if (!(err instanceof ApplicationFailure)) throw err;
    const suggestion = (err.details?.[0] as FailureDetails | undefined)?.suggestion;
    return { problems: [`${err.message}${suggestion ? `; ${suggestion}` : ''}`] };
  }
  let facts;
  try {
    facts = templateFacts(file, parameters, release);
  } catch (err) {
    return { problems: [`template ${file} cannot be used: ${(err as Error).message}`] };
  }
  const declared = new Set(facts.declared);
  const unknown = Object.keys(parameters).filter((k) => !declared.has(k));
  ctx.template = facts;
  if (unknown.length > 0) {
    return { problems: [`threescale.parameters: the template ${facts.name} declares no parameter ${unknown.join(', ')}`] };
  }
  return { summary: `${facts.name} (${file}): ${facts.names.get('DeploymentConfig')?.length ?? 0} DeploymentConfigs, ${facts.pods} pods` };
}
