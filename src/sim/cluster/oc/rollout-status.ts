import type { KubeObject } from '../model/types.js';

/** One evaluation of origin's DeploymentConfig status viewer (pkg/oc/originpolymorphichelpers/deploymentconfigs/status.go). */
export function rolloutStatusLine(dc: KubeObject, revision: number): { line: string; done: boolean; error?: string } {
  const name = dc.metadata.name;
  const status = dc.status ?? {};
  const latest = status.latestVersion ?? 0;
  if (dc.spec?.paused) return { line: '', done: true, error: `Deployment config "${name}" is paused. Resume to continue watching the status of the rollout.` };
  const triggers = (dc.spec?.triggers ?? []) as Array<{ type: string }>;
  if (latest === 0) {
    if (triggers.some((t) => t.type === 'ImageChange')) return { line: `Deployment config "${name}" waiting on image update\n`, done: false };
    if (triggers.length === 0) return { line: '', done: true, error: `Deployment config "${name}" waiting on manual update (use 'oc rollout latest ${name}')` };
  }
  if (revision > 0 && revision !== latest) return { line: '', done: true, error: `desired revision (${revision}) is different from the running revision (${latest})` };
  const cond = (status.conditions ?? []).find((x: { type: string }) => x.type === 'Progressing') as { reason?: string; message: string } | undefined;
  if ((dc.metadata.generation ?? 0) <= (status.observedGeneration ?? 0)) {
    if (cond?.reason === 'NewReplicationControllerAvailable') return { line: `${cond.message}\n`, done: true };
    if (cond?.reason === 'ProgressDeadlineExceeded' || cond?.reason === 'RolloutCancelled') return { line: '', done: true, error: cond.message };
    const replicas = dc.spec?.replicas ?? 1;
    const updated = status.updatedReplicas ?? 0;
    if (updated < replicas) return { line: `Waiting for rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
    if ((status.replicas ?? 0) > updated) return { line: `Waiting for rollout to finish: ${(status.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false };
    if ((status.availableReplicas ?? 0) < updated) return { line: `Waiting for rollout to finish: ${status.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false };
  }
  return { line: 'Waiting for latest deployment config spec to be observed by the controller loop...\n', done: false };
}
