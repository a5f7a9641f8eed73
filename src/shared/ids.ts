import type { InstallSpec } from './spec.js';

/**
 * The workflow id of an install: one workflow per target (platform, profile, project), so a second install of
 * a target that is being installed attaches to the running one instead of starting twice.
 */
export function installWorkflowId(spec: InstallSpec): string {
  const p = spec.platform;
  const where = p.type === 'minishift' ? `minishift-${p.profile}` : `existing-${hostOf(p.server) ?? 'current'}`;
  return `install-${where}-${spec.openshift.project}`;
}

/** The workflow id of a teardown of the same target. */
export function teardownWorkflowId(spec: InstallSpec): string {
  return installWorkflowId(spec).replace(/^install-/, 'teardown-');
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const m = /^https?:\/\/([^/:]+)/.exec(url);
  return m?.[1];
}
