import type { KubeObject } from '../template/cluster-objects.js';
import type { PreflightContext } from './context.js';
import { firstLine, readCli } from './read-cli.js';
import type { TemplateFacts } from './template-facts.js';
import type { CheckOutcome } from './types.js';

const KINDS: Record<string, string> = { secret: 'Secret', secrets: 'Secret', persistentvolumeclaim: 'PersistentVolumeClaim', persistentvolumeclaims: 'PersistentVolumeClaim' };

/** A `kind/name` line of `oc get -o name` as a bare object. */
function fromName(line: string): KubeObject | undefined {
  const m = /^([a-z]+)(?:\.[\w.]+)?\/(.+)$/.exec(line.trim());
  const kind = m ? KINDS[m[1]] : undefined;
  return kind ? { kind, metadata: { name: m![2] } } : undefined;
}

/** What a project holds that matters for an install of `t` (pure: the check's verdict on the live objects). */
export function judgeProject(t: TemplateFacts, project: string, live: KubeObject[]): CheckOutcome {
  const liveNames = (kind: string) => new Set(live.filter((o) => o.kind === kind).map((o) => o.metadata.name));
  const ours = (kind: string) => t.names.get(kind) ?? [];
  const dcs = liveNames('DeploymentConfig');
  const presentDcs = ours('DeploymentConfig').filter((n) => dcs.has(n));
  const leftovers = [
    ...ours('Secret').filter((n) => liveNames('Secret').has(n)).map((n) => `secret/${n}`),
    ...ours('PersistentVolumeClaim').filter((n) => liveNames('PersistentVolumeClaim').has(n)).map((n) => `pvc/${n}`),
  ];
  // Every DeploymentConfig of a 3scale template carries the 3scale.component label.
  const foreign = live
    .filter((o) => o.kind === 'DeploymentConfig' && o.metadata.labels?.['3scale.component'] !== undefined && !ours('DeploymentConfig').includes(o.metadata.name))
    .map((o) => `dc/${o.metadata.name}`);
  const otherRelease = live
    .filter((o) => o.kind === 'ImageStream' && t.imageStreamTags.has(o.metadata.name))
    .flatMap((o) => {
      const liveTags = new Set(((o.spec?.tags ?? []) as Array<{ name?: string }>).map((x) => x.name));
      const missing = (t.imageStreamTags.get(o.metadata.name) ?? []).filter((tag) => !liveTags.has(tag));
      return missing.length ? [`imagestream/${o.metadata.name} (has ${[...liveTags].join(', ') || 'no tags'}, not ${missing.join(', ')})`] : [];
    });
  const fix = (objects: string[]) =>
    `fix: \`amp-installer teardown -f <spec>\` (deletes project ${project} and everything in it), or delete them: oc delete ${objects.join(' ')} -n ${project}`;
  const problems: string[] = [];
  if (presentDcs.length === 0 && leftovers.length > 0) {
    problems.push(
      `project ${project} holds ${leftovers.length} objects of an earlier 3scale install but none of its DeploymentConfigs: ${leftovers.join(', ')}. ` +
        `The template would keep these stale secrets, whose passwords no longer match a fresh database (system-mysql and system-app crash-loop); ${fix(leftovers)}`,
    );
  }
  if (foreign.length > 0) {
    problems.push(`project ${project} holds DeploymentConfigs of another 3scale template that ${t.name} does not define: ${foreign.join(', ')}; ${fix(foreign)}`);
  }
  if (otherRelease.length > 0) {
    problems.push(`project ${project} holds image streams of another 3scale release: ${otherRelease.join('; ')}; the install would not upgrade them: ${fix(otherRelease.map((x) => x.split(' ')[0]))}`);
  }
  const total = ours('DeploymentConfig').length;
  const summary =
    presentDcs.length === total && total > 0
      ? `project ${project} holds an install of ${t.name} (${total} DeploymentConfigs): the install re-checks it`
      : presentDcs.length > 0
        ? `project ${project} holds ${presentDcs.length} of the ${total} DeploymentConfigs: the install completes the rest`
        : `project ${project} exists and holds no 3scale objects`;
  return { problems, summary };
}

/**
 * Check 5: no stale 3scale objects in the target project (peers.md §2.3 row 5): secrets or PVCs of an earlier
 * install without its DeploymentConfigs, or objects of another template or release. A complete install of the
 * same template is fine (the install is idempotent).
 */
export async function checkProject(ctx: PreflightContext): Promise<CheckOutcome> {
  const { deps, template: t, cluster: c } = ctx;
  if (!t) return { skipped: 'the template is not readable (see template)' };
  if (!ctx.tools?.oc) return { skipped: 'oc is not available (see tools)' };
  if (c?.vm === 'absent') return { summary: 'no VM yet, so no project and nothing stale in it' };
  if (c?.vm === 'stopped') return { skipped: 'the VM is stopped: the project can be looked into only while it runs' };
  if (!c?.reachable) return { skipped: 'the cluster is not reachable (see cluster)' };
  const project = ctx.input.openshift.project;
  const found = await readCli(deps, 'oc', ['get', 'project', project, '-o', 'json'], c.ocArgs);
  if (found.exitCode !== 0) {
    if (/\(NotFound\)|not found/.test(found.stderr)) return { summary: `project ${project} does not exist yet` };
    return { warnings: [`cannot look into project ${project}: ${firstLine(deps, found)}`] };
  }
  const warnings: string[] = [];
  if ((JSON.parse(found.stdout) as KubeObject).status?.phase === 'Terminating') {
    warnings.push(`project ${project} is being deleted: the install waits until it is gone`);
  }
  // Secrets and claims by name only: their contents (passwords) never need to reach the worker.
  const names = await readCli(deps, 'oc', ['get', 'secrets,persistentvolumeclaims', '-n', project, '-o', 'name'], c.ocArgs);
  const res = await readCli(deps, 'oc', ['get', 'deploymentconfigs,imagestreams', '-n', project, '-o', 'json'], c.ocArgs);
  const failed = [names, res].find((r) => r.exitCode !== 0);
  if (failed) return { warnings: [...warnings, `cannot list the objects of project ${project}: ${firstLine(deps, failed)}`] };
  const live = [...names.stdout.split('\n').map(fromName).filter((o) => o !== undefined), ...((JSON.parse(res.stdout) as { items?: KubeObject[] }).items ?? [])];
  const verdict = judgeProject(t, project, live);
  return { ...verdict, warnings };
}
