import type { PodContext } from './containers.js';
import { containerSpec } from './pod-sim.js';

type Probe = { httpGet?: { path?: string; port: number | string; scheme?: string }; tcpSocket?: { port: number | string }; exec?: { command: string[] } };

function resolvePort(ctx: PodContext, container: string, port: number | string): number | string {
  if (typeof port === 'number') return port;
  const ports = (containerSpec(ctx.pod, container).ports ?? []) as Array<{ name?: string; containerPort: number }>;
  return ports.find((p) => p.name === port)?.containerPort ?? port;
}

/** The kubelet's message for a failing readiness probe of a container whose software is not up yet. */
export function probeFailure(ctx: PodContext, container: string): string {
  const probe = (containerSpec(ctx.pod, container) as { readinessProbe?: Probe }).readinessProbe ?? {};
  const ip = (ctx.pod.status?.podIP as string | undefined) ?? '172.17.0.2';
  if (probe.httpGet) {
    const port = resolvePort(ctx, container, probe.httpGet.port);
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    return `Get ${scheme}://${ip}:${port}${probe.httpGet.path ?? '/'}: dial tcp ${ip}:${port}: connect: connection refused`;
  }
  if (probe.tcpSocket) return `dial tcp ${ip}:${resolvePort(ctx, container, probe.tcpSocket.port)}: connect: connection refused`;
  const cmd = (probe.exec?.command ?? []).join(' ');
  if (cmd.includes('mysql')) return `sh: cannot set terminal process group (-1): Inappropriate ioctl for device\nsh: no job control in this shell\nERROR 2003 (HY000): Can't connect to MySQL server on '127.0.0.1' (111)\n`;
  if (cmd.includes('psql')) return `psql: could not connect to server: Connection refused\n\tIs the server running on host "127.0.0.1" and accepting\n\tTCP/IP connections on port 5432?\n`;
  if (cmd.includes('redis-cli')) return 'Could not connect to Redis at 127.0.0.1:6379: Connection refused\n';
  return '';
}
