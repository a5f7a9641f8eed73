import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { simSleep } from '../clock.js';
import type { CliRuntime } from '../cli/run.js';
import { CliExit } from '../cli/io.js';
import { profileDir } from '../env.js';
import { clusterFaults } from '../faults/cluster-faults.js';
import { mutateCluster, readProfileState, updateProfileState } from '../store/session.js';
import { clusterNick } from '../vm-ip.js';
import type { RouterDeps } from './vm.js';
import { machineKubeconfig, ocCacheDir, removeClusterEntries } from './vm.js';
import { notDefined, notRunning, OPENSHIFT_BUILD } from './texts.js';

/** `minishift status` (openshift-cli.md §15). */
export function status(rt: CliRuntime, profile: string): number {
  const state = readProfileState(rt.env.home, profile);
  if (!state) {
    rt.io.out('Does Not Exist\n');
    return 0;
  }
  const running = state.vm.status === 'Running';
  const disk = Number.parseInt(state.vm.diskSize, 10) || 20;
  const used = Math.min(95, 9 + Math.floor(Object.keys(state.vm.images).length / 2));
  rt.io.out(
    `Minishift:  ${state.vm.status}\n` +
      `Profile:    ${profile}\n` +
      `OpenShift:  ${running && state.vm.openshift === 'Running' ? `Running (${OPENSHIFT_BUILD})` : 'Stopped'}\n` +
      `DiskUsage:  ${running ? `${used}% of ${disk - 1}G (Mounted On: /mnt/sda1)` : 'Unknown'}\n` +
      'CacheUsage: 1.637 GB (used by oc binary, ISO or cached images)\n',
  );
  return 0;
}

/** `minishift ip` (§16): exit 0 with an explanation when there is no running VM. */
export function ip(rt: CliRuntime, profile: string): number {
  const state = readProfileState(rt.env.home, profile);
  if (!state) rt.io.out(`${notDefined(profile)}\n`);
  else if (state.vm.status !== 'Running') rt.io.out(`${notRunning(profile)}\n`);
  else rt.io.out(`${state.vm.ip}\n`);
  return 0;
}

/** `minishift oc-env` (§17). */
export function ocEnv(rt: CliRuntime, profile: string, shell: string | undefined): number {
  const state = readProfileState(rt.env.home, profile);
  if (!state) return ip(rt, profile);
  if (state.vm.status !== 'Running') return ip(rt, profile);
  const dir = ocCacheDir(rt.env);
  const sh = shell ?? (rt.env.raw.SHELL ?? '').split('/').pop() ?? 'bash';
  if (sh === 'fish') rt.io.out(`set -gx PATH "${dir}" $PATH;\n# Run this command to configure your shell:\n# eval (minishift oc-env)\n`);
  else if (sh === 'powershell') rt.io.out(`$Env:PATH = "${dir};$Env:PATH"\n# Run this command to configure your shell:\n# & minishift oc-env | Invoke-Expression\n`);
  else if (sh === 'cmd') rt.io.out(`SET PATH=${dir};%PATH%\nREM Run this command to configure your shell:\nREM @FOR /f "tokens=*" %i IN ('minishift oc-env') DO @call %i\n`);
  else rt.io.out(`export PATH="${dir}:$PATH"\n# Run this command to configure your shell:\n# eval $(minishift oc-env)\n`);
  return 0;
}

/** `minishift stop` (§18): the cluster stops ageing, the router goes away. */
export async function stop(rt: CliRuntime, profile: string, router: RouterDeps): Promise<number> {
  const state = readProfileState(rt.env.home, profile);
  if (!state) {
    rt.io.out(`${notDefined(profile)}\n`);
    return 0;
  }
  if (state.vm.status !== 'Running') {
    rt.io.out(`The '${profile}' VM is already stopped.\n`);
    return 0;
  }
  rt.setProfile(profile);
  rt.io.out('Stopping the OpenShift cluster...\n');
  // Bring the cluster up to date before its clock freezes.
  await mutateCluster({ home: rt.env.home, profile, speed: rt.env.speed, faults: clusterFaults(rt.activeFaults) }, () => undefined);
  await simSleep(12_000, rt.env.speed);
  await router.stop({ home: rt.env.home, profile });
  await updateProfileState(rt.env.home, profile, (cur) =>
    cur ? { value: { ...cur, vm: { ...cur.vm, status: 'Stopped', openshift: 'Stopped' }, clock: { ...cur.clock, running: false } }, result: undefined } : { result: undefined },
  );
  rt.io.out('Cluster stopped.\n');
  return 0;
}

/** `minishift delete [--force]` (§19): without --force it asks, and anything but y/Y (EOF included) keeps the VM. */
export async function del(rt: CliRuntime, profile: string, force: boolean, router: RouterDeps, clearCache = false): Promise<number> {
  if (clearCache) {
    if (!force) {
      rt.io.out('This will delete the cache content for all profiles. Do you want to continue [y/N]?: ');
      const answer = (await rt.io.readLine())?.trim();
      if (answer !== 'y' && answer !== 'Y') return 0;
    }
    const cache = join(rt.env.minishiftHome, 'cache');
    rmSync(cache, { recursive: true, force: true });
    rt.io.out(`Removed cache content at: '${cache}'\n`);
  }
  const state = readProfileState(rt.env.home, profile);
  if (!state) return 0;
  if (!force) {
    rt.io.out(`You are deleting the Minishift VM: '${profile}'. Do you want to continue [y/N]?: `);
    const answer = (await rt.io.readLine())?.trim();
    if (answer !== 'y' && answer !== 'Y') return 0;
  }
  rt.setProfile(profile);
  rt.io.out(`Removing entries from kubeconfig for cluster: ${clusterNick(state.vm.ip)}\n`);
  try {
    await removeClusterEntries(rt.env, state.vm.ip);
  } catch (err) {
    rt.io.out(`Unable to delete entries from kube config: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  rt.io.out('Deleting the Minishift VM...\n');
  await router.stop({ home: rt.env.home, profile });
  await simSleep(5_000, rt.env.speed);
  await updateProfileState(rt.env.home, profile, () => ({ value: null, result: undefined }));
  rmSync(profileDir(rt.env.home, profile), { recursive: true, force: true });
  rmSync(dirname(machineKubeconfig(rt.env, profile)), { recursive: true, force: true });
  rt.io.out('Minishift VM deleted.\n');
  return 0;
}

/** `minishift profile list`. */
export function profileList(rt: CliRuntime, active: string): number {
  let names: string[] = [];
  try {
    names = readdirSync(join(rt.env.home, 'profiles')).filter((p) => readProfileState(rt.env.home, p));
  } catch {
    // no profiles yet
  }
  if (!names.includes(active)) names.unshift(active);
  const width = Math.max(...names.map((n) => n.length)) + 5;
  for (const name of names.sort()) {
    const state = readProfileState(rt.env.home, name);
    const st = state ? state.vm.status : 'Does Not Exist';
    rt.io.out(`- ${name.padEnd(width)}${st.padEnd(17)}${name === active ? '(Active)' : ''}`.trimEnd() + '\n');
  }
  return 0;
}

/** Thrown for usage problems, printed cobra-style. */
export function usage(msg: string, path: string): CliExit {
  return new CliExit(1, `Error: ${msg}\nRun '${path} --help' for usage.`);
}
