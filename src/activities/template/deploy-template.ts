import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';

import { isRef } from '../../config/secret-ref.js';
import { ErrorType } from '../../shared/errors.js';
import { isSecretParameter } from '../../shared/spec.js';
import { resolveInActivity } from '../lib/resolve-ref.js';
import type { ActivityDeps } from '../deps.js';
import { reportProgress } from '../lib/heartbeat.js';
import { cliFailure, runCli, type CliResult } from '../lib/run-cli.js';
import { invalidInput, stepActivity } from '../lib/step-activity.js';
import { existingObjects, type KubeObject } from './cluster-objects.js';
import { clearMarker, markRunning, orphanMarker, waitForOrphan } from './orphan-guard.js';
import { parameterDefault, parameterNames, parseTemplate, recoverParameters, type TemplateModel } from './template-model.js';
import { readTemplate, resolveTemplateFile } from './template-file.js';

export interface DeployTemplateInput {
  project: string;
  /** Template path or upstream template name. */
  template: string;
  release: string;
  wildcardDomain: string;
  /** Extra template parameters (names the template declares). */
  parameters: Record<string, string>;
}

export interface DeployTemplateOutput {
  templateName: string;
  templateFile: string;
  /** Objects the template defines. */
  objects: number;
  /** Objects this step created (0 when an earlier run had created them all). */
  created: number;
  deploymentConfigs: string[];
  routes: string[];
  tenant: string;
  adminHost: string;
  wildcardDomain: string;
  /** Outputs of the install: where the admin portal is and where its credentials live (names, not values). */
  publish: Record<string, unknown>;
}

/** How long to watch a partial deploy for growth before treating it as abandoned. */
const SETTLE_MS = 5_000;

function templateInvalid(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: ErrorType.TemplateInvalid, nonRetryable: true, message });
}

/** Maps an `oc process`/`oc new-app` failure to its type: a missing required parameter, a bad template… */
function processFailure(deps: ActivityDeps, res: CliResult, what: string): ApplicationFailure {
  if (/is required and must be specified/.test(res.stderr)) {
    return cliFailure(deps, res, what, { type: ErrorType.MissingParameter, retryable: false, suggestion: 'set the parameter in threescale.parameters (or threescale.wildcardDomain)' });
  }
  if (/unexpected parameter name|invalid parameter assignment|is not a template|unable to load template|more than one object/.test(res.stderr)) {
    return cliFailure(deps, res, what, { type: ErrorType.TemplateInvalid, retryable: false });
  }
  if (/unable to locate any template files/.test(res.stderr)) {
    return cliFailure(deps, res, what, { type: ErrorType.TemplateNotFound, retryable: false });
  }
  return cliFailure(deps, res, what);
}

/**
 * `-p K=V` arguments: WILDCARD_DOMAIN, AMP_RELEASE (when declared) and the spec's parameters, whose `env:`/`file:`
 * references are resolved here, in the worker (secret ones registered with the redactor first).
 */
function paramArgs(deps: ActivityDeps, model: TemplateModel, input: DeployTemplateInput, extra: Record<string, string> = {}): string[] {
  const declared = parameterNames(model);
  const unknown = Object.keys(input.parameters).filter((k) => !declared.has(k));
  if (unknown.length) throw invalidInput(`threescale.parameters: the template declares no parameter ${unknown.join(', ')}`);
  const given = Object.fromEntries(
    Object.entries(input.parameters).map(([k, v]) => [k, isRef(v) ? resolveInActivity(deps, v, `threescale.parameters.${k}`, isSecretParameter(k)) : v]),
  );
  const values: Record<string, string> = { ...extra, WILDCARD_DOMAIN: input.wildcardDomain, ...given };
  if (declared.has('AMP_RELEASE') && !input.parameters.AMP_RELEASE) values.AMP_RELEASE = input.release;
  return Object.entries(values).flatMap(([k, v]) => ['-p', `${k}=${v}`]);
}

/** The processed objects (kind + name + spec), from `oc process -o json` (the server fills generated values). */
async function processTemplate(deps: ActivityDeps, file: string, args: string[], project: string): Promise<KubeObject[]> {
  const res = await runCli(deps, { cli: 'oc', args: ['process', '-f', file, ...args, '-n', project, '-o', 'json'], timeoutMs: 120_000 });
  if (res.exitCode !== 0) throw processFailure(deps, res, `processing template ${basename(file)} failed`);
  return (JSON.parse(res.stdout) as { items: KubeObject[] }).items;
}

/** The template's objects that exist (live, as the cluster has them) and those that are missing (processed). */
async function countExisting(deps: ActivityDeps, project: string, objects: KubeObject[]): Promise<{ present: KubeObject[]; missing: KubeObject[] }> {
  const live = await existingObjects(deps, project, new Set(objects.map((o) => o.kind)));
  const find = (o: KubeObject) => live.find((l) => l.kind === o.kind && l.metadata.name === o.metadata.name);
  return { present: objects.map(find).filter((l): l is KubeObject => l !== undefined), missing: objects.filter((o) => !find(o)) };
}

/**
 * Deploys the template exactly once: looks up the template's objects first; none there → `oc new-app`; all
 * there → nothing to do; some there (a crash mid-create) → creates only the missing ones, with the generated
 * values read back from the secrets the first run created. Never runs `oc new-app` over existing objects.
 */
export function createDeployTemplate(deps: ActivityDeps) {
  return stepActivity(async (input: DeployTemplateInput) => {
    const file = await resolveTemplateFile(deps, input.template, input.release);
    let model: TemplateModel;
    try {
      model = parseTemplate(readTemplate(file));
    } catch (err) {
      throw templateInvalid(`template ${file} cannot be used: ${(err as Error).message}`);
    }
    const args = paramArgs(deps, model, input);
    const marker = orphanMarker(deps, input.project);
    await waitForOrphan(marker, 1_000);
    const objects = await processTemplate(deps, file, args, input.project);
    const { present, missing } = await countExisting(deps, input.project, objects);
    let created = 0;
    reportProgress({ phase: 'deploying', present: present.length, total: objects.length });
    if (present.length === 0) {
      let res;
      try {
        res = await runCli(deps, {
          cli: 'oc',
          args: ['new-app', '-f', file, ...args, '-n', input.project],
          timeoutMs: 10 * 60_000,
          onSpawn: (pid) => markRunning(marker, pid),
        });
      } finally {
        clearMarker(marker);
      }
      if (res.exitCode !== 0) {
        if (/already exists/.test(res.stderr)) {
          throw ApplicationFailure.create({ type: ErrorType.DeployInProgress, message: 'template objects appeared while oc new-app ran; checking again' });
        }
        throw processFailure(deps, res, 'oc new-app failed');
      }
      created = objects.length;
    } else if (missing.length > 0) {
      // Some objects exist: never `oc new-app` over them (it is not idempotent: openshift-cli.md §6).
      // Objects may still be arriving from an earlier attempt's oc new-app (its child outlives a killed worker).
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const again = await countExisting(deps, input.project, objects);
      if (again.present.length !== present.length) {
        throw ApplicationFailure.create({ type: ErrorType.DeployInProgress, message: `template objects are still being created (${again.present.length}/${objects.length})` });
      }
      created = await createMissing(deps, input, file, model, again.present, again.missing);
    }
    log.info('Template deployed', { template: model.name, objects: objects.length, created });
    return { output: summarize(model, file, input, objects, created) };
  });
}

/** Completes a partial deploy with the values the first run generated (read back from the objects it created). */
async function createMissing(deps: ActivityDeps, input: DeployTemplateInput, file: string, model: TemplateModel, present: KubeObject[], missing: KubeObject[]): Promise<number> {
  const recovered = recoverParameters(model, present);
  for (const [name, value] of Object.entries(recovered)) deps.redactor.add(value, name);
  const processed = await processTemplate(deps, file, paramArgs(deps, model, input, recovered), input.project);
  const wanted = new Set(missing.map((m) => `${m.kind}/${m.metadata.name}`));
  const items = processed.filter((o) => wanted.has(`${o.kind}/${o.metadata.name}`));
  const dir = mkdtempSync(join(tmpdir(), 'amp-missing-'));
  try {
    const listFile = join(dir, 'missing.json');
    writeFileSync(listFile, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }), { mode: 0o600 });
    const res = await runCli(deps, { cli: 'oc', args: ['create', '-f', listFile, '-n', input.project], timeoutMs: 5 * 60_000 });
    if (res.exitCode !== 0 && !/already exists/.test(res.stderr)) throw cliFailure(deps, res, 'creating the missing template objects failed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  log.warn('Completed a partial deploy', { missing: items.length });
  return items.length;
}

function summarize(model: TemplateModel, file: string, input: DeployTemplateInput, objects: KubeObject[], created: number): DeployTemplateOutput {
  const param = (name: string, fallback: string) => input.parameters[name] ?? parameterDefault(model, name) ?? fallback;
  const tenant = param('TENANT_NAME', '3scale');
  const adminHost = `${tenant}-admin.${input.wildcardDomain}`;
  const routes = objects.filter((o) => o.kind === 'Route').map((o) => String((o.spec as { host?: string } | undefined)?.host ?? ''));
  const ns = input.project;
  return {
    templateName: model.name,
    templateFile: file,
    objects: objects.length,
    created,
    deploymentConfigs: objects.filter((o) => o.kind === 'DeploymentConfig').map((o) => o.metadata.name),
    routes,
    tenant,
    adminHost,
    wildcardDomain: input.wildcardDomain,
    publish: {
      adminPortal: `https://${adminHost}`,
      masterPortal: `https://${param('MASTER_NAME', 'master')}.${input.wildcardDomain}`,
      adminUser: param('ADMIN_USERNAME', 'admin'),
      adminPassword: `secret system-seed key ADMIN_PASSWORD: oc get secret system-seed -n ${ns} -o jsonpath='{.data.ADMIN_PASSWORD}' | base64 -d`,
      adminAccessToken: `secret system-seed key ADMIN_ACCESS_TOKEN: oc get secret system-seed -n ${ns} -o jsonpath='{.data.ADMIN_ACCESS_TOKEN}' | base64 -d`,
      masterPassword: `secret system-seed key MASTER_PASSWORD: oc get secret system-seed -n ${ns} -o jsonpath='{.data.MASTER_PASSWORD}' | base64 -d`,
    },
  };
}
