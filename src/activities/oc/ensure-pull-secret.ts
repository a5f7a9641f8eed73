import { log } from '@temporalio/activity';

import { DNS1123_LABEL } from '../../shared/spec.js';
import type { ActivityDeps } from '../deps.js';
import { resolveInActivity } from '../lib/resolve-ref.js';
import { cliFailure, runCli } from '../lib/run-cli.js';
import { invalidInput, stepActivity } from '../lib/step-activity.js';
import { readTemplate, resolveTemplateFile } from '../template/template-file.js';

export interface EnsurePullSecretInput {
  project: string;
  secretName: string;
  /** References or inline values (the password is always a reference). */
  server: string;
  username: string;
  password: string;
  template: string;
  release: string;
}

export interface EnsurePullSecretOutput {
  secret: string;
  /** created | unchanged | updated (the credentials changed since it was created) */
  action: 'created' | 'unchanged' | 'updated';
  /** Whether the template's objects reference the secret (2.4 does not; 2.6+ do). */
  referencedByTemplate: boolean;
}

/** The `auth` value oc puts in a docker-registry secret for these credentials. */
function authOf(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`).toString('base64');
}

/** Whether the live secret holds exactly these credentials for this server (compared without printing them). */
async function currentAuthMatches(deps: ActivityDeps, project: string, name: string, server: string, auth: string): Promise<boolean | undefined> {
  const res = await runCli(deps, { cli: 'oc', args: ['get', 'secret', name, '-n', project, '-o', 'json'], timeoutMs: 60_000 });
  if (res.exitCode !== 0) {
    if (/\(NotFound\)/.test(res.stderr)) return undefined;
    throw cliFailure(deps, res, `looking up secret ${name} failed`);
  }
  const data = (JSON.parse(res.stdout) as { data?: Record<string, string> }).data ?? {};
  try {
    const config = JSON.parse(Buffer.from(data['.dockerconfigjson'] ?? '', 'base64').toString('utf8')) as { auths?: Record<string, { auth?: string }> };
    return config.auths?.[server]?.auth === auth;
  } catch {
    return false;
  }
}

/**
 * `oc create secret docker-registry` unless a secret with the same credentials exists; replaces one whose
 * credentials changed (a stale pull secret is a known cause of broken installs). Warns when the template
 * never references the secret, as 3scale 2.4's does not.
 */
export function createEnsurePullSecret(deps: ActivityDeps) {
  return stepActivity(async (input: EnsurePullSecretInput) => {
    if (!DNS1123_LABEL.test(input.secretName)) throw invalidInput(`registry.secretName "${input.secretName}" is not a DNS-1123 label`);
    const server = resolveInActivity(deps, input.server, 'registry server', false);
    const username = resolveInActivity(deps, input.username, 'registry username', false);
    const password = resolveInActivity(deps, input.password, 'registry password', true);
    const auth = authOf(username, password);
    deps.redactor.add(auth, 'registry auth');
    const matches = await currentAuthMatches(deps, input.project, input.secretName, server, auth);
    let action: EnsurePullSecretOutput['action'] = 'unchanged';
    if (matches !== true) {
      if (matches === false) {
        const del = await runCli(deps, { cli: 'oc', args: ['delete', 'secret', input.secretName, '-n', input.project], timeoutMs: 60_000 });
        if (del.exitCode !== 0 && !/\(NotFound\)/.test(del.stderr)) throw cliFailure(deps, del, `replacing secret ${input.secretName} failed`);
      }
      const res = await runCli(deps, {
        cli: 'oc',
        args: [
          'create', 'secret', 'docker-registry', input.secretName,
          `--docker-server=${server}`, `--docker-username=${username}`, `--docker-password=${password}`,
          '-n', input.project,
        ],
        secrets: [{ value: password, label: 'registry password' }],
        timeoutMs: 60_000,
      });
      if (res.exitCode !== 0 && !/\(AlreadyExists\)/.test(res.stderr)) throw cliFailure(deps, res, `oc create secret docker-registry ${input.secretName} failed`);
      action = matches === false ? 'updated' : 'created';
    }
    const file = await resolveTemplateFile(deps, input.template, input.release);
    const referencedByTemplate = readTemplate(file).includes(input.secretName);
    const warnings = referencedByTemplate
      ? []
      : [`secret ${input.secretName} is not referenced by the template (3scale 2.4 pulls from registry.access.redhat.com without credentials; 2.6+ templates use it)`];
    log.info('Pull secret ensured', { secret: input.secretName, action });
    return { output: { secret: input.secretName, action, referencedByTemplate } satisfies EnsurePullSecretOutput, warnings };
  });
}
