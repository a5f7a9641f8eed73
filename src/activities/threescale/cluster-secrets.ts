import { ApplicationFailure } from '@temporalio/common';

import { ErrorType } from '../../shared/errors.js';
import type { ActivityDeps } from '../deps.js';
import { cliFailure, runCli } from '../lib/run-cli.js';

/** Reads one key of a secret from the cluster (registered with the redactor at once). */
export async function secretValue(deps: ActivityDeps, project: string, secret: string, key: string): Promise<string> {
  const res = await runCli(deps, { cli: 'oc', args: ['get', 'secret', secret, '-n', project, '-o', `jsonpath={.data.${key}}`], timeoutMs: 60_000 });
  if (res.exitCode !== 0) throw cliFailure(deps, res, `reading ${key} from secret ${secret} failed`);
  const value = Buffer.from(res.stdout.trim(), 'base64').toString('utf8');
  if (value) deps.redactor.add(value, `${secret}.${key}`);
  return value;
}

type HookParams = { pre?: { execNewPod?: { command?: string[] } } };

/**
 * MASTER_ACCESS_TOKEN of an install. 2.4 keeps it only in the system-app DC's pre-hook command line
 * (`rake boot openshift:deploy MASTER_ACCESS_TOKEN="…"`); later templates put it in secret system-seed.
 * The value is registered with the redactor before anything else happens with it.
 */
export async function masterAccessToken(deps: ActivityDeps, project: string): Promise<string> {
  const res = await runCli(deps, { cli: 'oc', args: ['get', 'dc', 'system-app', '-n', project, '-o', 'json'], timeoutMs: 60_000 });
  if (res.exitCode !== 0) throw cliFailure(deps, res, `reading deploymentconfig system-app in ${project} failed`);
  const dc = JSON.parse(res.stdout) as { spec?: { strategy?: Record<string, HookParams | undefined> } };
  const strategy = dc.spec?.strategy ?? {};
  for (const params of [strategy.rollingParams, strategy.recreateParams]) {
    const match = /MASTER_ACCESS_TOKEN="([^"]*)"/.exec(params?.pre?.execNewPod?.command?.join(' ') ?? '');
    if (match?.[1]) {
      deps.redactor.add(match[1], 'MASTER_ACCESS_TOKEN');
      return match[1];
    }
  }
  const fromSeed = await secretValue(deps, project, 'system-seed', 'MASTER_ACCESS_TOKEN').catch(() => '');
  if (fromSeed) return fromSeed;
  throw ApplicationFailure.create({
    type: ErrorType.InvalidInput,
    nonRetryable: true,
    message: `no MASTER_ACCESS_TOKEN in project ${project}: neither the system-app pre-hook nor secret system-seed has one`,
    details: [{ suggestion: 'the tenants layout needs the master API: install 3scale with a template that sets MASTER_ACCESS_TOKEN' }],
  });
}
