import { Cluster } from '../model/cluster.js';
import type { ProfileState } from '../model/types.js';
import { podSim } from '../controllers/pod-sim.js';
import { sec } from '../controllers/util.js';

/**
 * The origin container (re)starts: the cluster clock runs again from where it stopped, and after a VM reboot every
 * container that had been started is started again by the kubelet (restartCount + 1, readiness from scratch).
 */
export function restartCluster(state: ProfileState, realNow: number, fresh: boolean): ProfileState {
  state.vm.status = 'Running';
  state.vm.openshift = 'Running';
  state.clock = { real: realNow, sim: state.clock.sim, running: true };
  if (fresh) return state;
  const c = new Cluster(state, state.clock.sim);
  for (const ns of c.namespaceNames()) {
    for (const pod of c.list(ns, 'Pod')) {
      const s = podSim(pod);
      if (!s || s.scheduledAt === undefined) continue;
      for (const cs of s.containers) {
        if (cs.phase !== 'running' && cs.phase !== 'crashBackOff') continue;
        if (s.role !== 'app') continue;
        cs.last = { exitCode: 0, reason: 'Completed', startedAt: cs.startedAt ?? c.now, finishedAt: c.now, containerID: cs.containerID ?? '' };
        cs.phase = 'creating';
        cs.ready = false;
        cs.next = c.now + sec(5);
      }
      c.touch(pod);
    }
  }
  return state;
}
