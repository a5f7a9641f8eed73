import { rmSync } from 'node:fs';

import { openClusterView } from '../cluster-view.js';
import { createRouterContext, handleRequest } from './handler.js';
import { listenRouter } from './listen.js';
import { NON_ROOT_HTTP_PORT, NON_ROOT_HTTPS_PORT } from './ports.js';
import { readRouterFile, routerFilePath, writeRouterFile } from './router-file.js';
import { fileClusterView } from './static-view.js';
import { loadOrCreateCert } from './tls.js';

/** How often the router checks that its VM still runs, and how many failed checks in a row end it. */
const WATCH_MS = 500;
const MAX_MISSES = 3;

function arg(argv: string[], name: string): string {
  const i = argv.indexOf(name);
  const value = i >= 0 ? argv[i + 1] : undefined;
  if (!value) throw new Error(`router: missing ${name}`);
  return value;
}

async function run(argv: string[]): Promise<void> {
  const home = arg(argv, '--home');
  const profile = arg(argv, '--profile');
  const ip = arg(argv, '--ip');
  const viewFile = process.env.AMP_SIM_ROUTER_VIEW_FILE;
  const view = viewFile ? fileClusterView(viewFile) : openClusterView(home, profile);
  const tls = await loadOrCreateCert(home, profile);
  const root = process.getuid?.() === 0;
  let httpsPort = 443;
  const ctx = createRouterContext({ home, profile, view, ip, httpsPort });
  const listeners = await listenRouter({
    ip,
    // A user who may not bind 80/443 gets 10080/10443 on the VM's own address (documented, so a spec can name
    // them before the VM exists); a free port only if even those are taken.
    httpPort: root ? 80 : NON_ROOT_HTTP_PORT,
    httpsPort: root ? 443 : NON_ROOT_HTTPS_PORT,
    tls,
    handler: (req, rawHost) => handleRequest(ctx, req, rawHost),
  });
  httpsPort = listeners.httpsPort;
  ctx.httpsPort = httpsPort;
  writeRouterFile(home, profile, { pid: process.pid, ip, httpPort: listeners.httpPort, httpsPort });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    clearInterval(watch);
    await listeners.close();
    // Only our own file: a newer router of the same profile may already have replaced it.
    if (readRouterFile(home, profile)?.pid === process.pid) rmSync(routerFilePath(home, profile), { force: true });
    process.exit(code);
  };
  // A router outliving its VM (minishift delete, sim reset) would be an orphan: leave when the VM is gone.
  let misses = 0;
  const watch = setInterval(() => {
    let running: boolean;
    try {
      running = view.vmRunning();
    } catch {
      running = false;
    }
    misses = running ? 0 : misses + 1;
    if (misses >= MAX_MISSES) void stop(0);
  }, WATCH_MS);
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
}

run(process.argv.slice(2)).catch((err: unknown) => {
  // Only the message: startup errors never carry request data or secrets.
  console.error(`router: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
