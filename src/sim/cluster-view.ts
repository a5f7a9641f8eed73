// STUB — owned by the cluster work (src/sim/cluster/**); replaced by the real implementation.
import type { ClusterView } from './contracts.js';

/** The router's read access to one profile's cluster state (see {@link ClusterView}). */
export function openClusterView(_home: string, _profile: string): ClusterView {
  throw new Error('openClusterView: not implemented yet');
}
