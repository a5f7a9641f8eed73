/**
 * The contract between the simulated cluster (state, controllers, `oc`, `minishift`: src/sim/cluster/**) and the
 * simulated router (HTTP/HTTPS by Host header, 3scale admin API, APIcast, Echo API: src/sim/router/**).
 *
 * Layout of the state folder `$AMP_SIM_HOME` (default `<project>/.data/sim`):
 *   journal.jsonl                    every CLI invocation and HTTP request (see ./journal.ts)
 *   faults.json                      injected faults (see docs/simulator.md)
 *   profiles/<profile>/              one simulated VM (minishift profile): VM + cluster state
 *   profiles/<profile>/router.json   {@link RouterInfo} of the running router, written by the router once listening
 *   threescale/<project>-<uid>.json  the 3scale "system database" of one install, owned by the router
 */

/** A Route as the router sees it. */
export interface SimRoute {
  project: string;
  name: string;
  host: string;
  /** Path prefix; `/` when the Route has none. */
  path: string;
  /** Target Service name (`spec.to.name`). */
  service: string;
  /** `spec.port.targetPort` (a port name like `gateway` or a number). */
  targetPort: string | number | undefined;
  /** TLS termination (`edge` for every 3scale route) or undefined for plain HTTP routes. */
  tls: 'edge' | 'passthrough' | 'reencrypt' | undefined;
  /** `spec.tls.insecureEdgeTerminationPolicy`: `Allow` lets plain HTTP through, `Redirect` answers 302, `None` 503s. */
  insecureEdgeTerminationPolicy: 'Allow' | 'Redirect' | 'None' | undefined;
  /**
   * False when another Route already claimed the host (OpenShift's router marks the later one
   * `HostAlreadyClaimed` and does not serve it).
   */
  admitted: boolean;
}

/** What the router reads from the cluster; every call sees the state advanced to the current simulated time. */
export interface ClusterView {
  /** Simulated time in ms since the epoch (scaled by AMP_SIM_SPEED). */
  now(): number;
  /** Whether the profile's VM is running (the router refuses to serve otherwise). */
  vmRunning(): boolean;
  /** Every Route of every project. */
  routes(): SimRoute[];
  /** True when the Service has a ready endpoint, i.e. a selected pod is Ready (every container ready). */
  serviceReady(project: string, service: string): boolean;
  /**
   * One API object as `oc get <kind> <name> -n <project> -o json` prints it (Secret `data` values base64),
   * or undefined. `kind` is the API kind: Secret, ConfigMap, DeploymentConfig, Route, Service, Project.
   * For `Project` the project argument is ignored and `name` is the project name.
   */
  getObject(project: string, kind: string, name: string): Record<string, unknown> | undefined;
  /**
   * Consumes one unit of an injected gateway fault for this Host header, if any is armed:
   * the router answers with the returned status/body instead of serving the request.
   */
  takeGatewayFault(host: string): { status: number; body: string } | undefined;
}

/** Where a running router listens; written to `profiles/<profile>/router.json`. */
export interface RouterInfo {
  pid: number;
  /** The VM's loopback address (127.x.y.z), also the address routes are served on. */
  ip: string;
  httpPort: number;
  httpsPort: number;
}
