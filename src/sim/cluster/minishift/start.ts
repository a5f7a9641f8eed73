import { randomInt } from 'node:crypto';

import { newProfileState } from '../bootstrap.js';
import { simSleep } from '../clock.js';
import type { CliRuntime } from '../cli/run.js';
import { CliExit } from '../cli/io.js';
import { consumeFault } from '../faults/store.js';
import type { StoredFault } from '../faults/types.js';
import { readProfileState, updateProfileState } from '../store/session.js';
import { vmIp } from '../vm-ip.js';
import { restartCluster } from './restart.js';
import type { RouterDeps } from './vm.js';
import { cacheIso, fakePemData, installOcBinary, isoCached, newToken, writeClusterKubeconfigs } from './vm.js';
import { clusterUpOutput, driverChecks, humanSize, ISO_URL, LINUX_DRIVERS, OPENSHIFT_VERSION, parseSizeMb } from './texts.js';

/** Flags of `minishift start` that matter to the simulation. */
export interface StartOptions {
  profile: string;
  memory: string;
  cpus: number;
  diskSize: string;
  driver: string;
}

type StartStage = Extract<StoredFault, { kind: 'minishift-start' }>['stage'];

async function takeStartFault(rt: CliRuntime, stage: StartStage): Promise<boolean> {
  const f = rt.activeFaults.find((x) => x.kind === 'minishift-start' && x.stage === stage);
  return f !== undefined && (await consumeFault(rt.env.home, f));
}

/** Prints `text`, then `n` dots spread over `simSeconds`, then ` OK` (or whatever `end` is). */
async function progress(rt: CliRuntime, text: string, n: number, simSeconds: number, end = ' OK\n'): Promise<void> {
  rt.io.out(text);
  for (let i = 0; i < n; i++) {
    await simSleep((simSeconds * 1000) / n, rt.env.speed);
    rt.io.out('.');
  }
  rt.io.out(end);
}

async function line(rt: CliRuntime, text: string, simSeconds = 0.3): Promise<void> {
  await simSleep(simSeconds * 1000, rt.env.speed);
  rt.io.out(`${text}\n`);
}

/** `minishift start`: creates or restarts the profile's VM, brings the cluster up, writes the kubeconfig, starts the router. */
export async function startVm(rt: CliRuntime, o: StartOptions, router: RouterDeps): Promise<number> {
  const { io, env } = rt;
  io.out(`-- Starting profile '${o.profile}'\n`);
  const existing = readProfileState(env.home, o.profile);
  if (existing?.vm.status === 'Running') {
    io.out(`The '${o.profile}' VM is already running.\n`);
    return 0;
  }
  const fresh = !existing;
  const memoryMb = parseSizeMb(o.memory);
  if (fresh && memoryMb === undefined) throw new CliExit(1, `Memory size is not valid: invalid size: '${o.memory}'`);
  const diskMb = parseSizeMb(o.diskSize);
  if (fresh && diskMb === undefined) throw new CliExit(1, `Disk size is not valid: invalid size: '${o.diskSize}'`);
  const driver = existing?.vm.driver ?? o.driver;
  await line(rt, '-- Check if deprecated options are used ... OK');
  await line(rt, '-- Checking if https://github.com is reachable ... OK');
  if (await takeStartFault(rt, 'github-check')) {
    io.out(`-- Checking if requested OpenShift version '${OPENSHIFT_VERSION}' is valid ... ${OPENSHIFT_VERSION} is not a valid OpenShift versionFAIL\n`);
    throw new CliExit(1, "   Run 'minishift config set skip-check-openshift-release true' to skip this check.");
  }
  await line(rt, `-- Checking if requested OpenShift version '${OPENSHIFT_VERSION}' is valid ... OK`);
  await line(rt, `-- Checking if requested OpenShift version '${OPENSHIFT_VERSION}' is supported ... OK`);
  if (!LINUX_DRIVERS.includes(driver)) {
    io.out(`-- Checking if requested hypervisor '${driver}' is supported on this platform ... FAIL\n`);
    throw new CliExit(1, `   The driver '${driver}' is not supported on 'linux'. Supported drivers are: ${LINUX_DRIVERS.join(', ')}`);
  }
  await line(rt, `-- Checking if requested hypervisor '${driver}' is supported on this platform ... OK`);
  for (const text of driverChecks(driver)) await line(rt, text, 0.2);
  await line(rt, '-- Checking the ISO URL ... OK');
  if (installOcBinary(env)) {
    await line(rt, `-- Downloading OpenShift binary 'oc' version '${OPENSHIFT_VERSION}'`);
    await line(rt, ' 53.59 MiB / 53.59 MiB [=========================================================================] 100.00% 0s', 4);
    await line(rt, `-- Downloading OpenShift ${OPENSHIFT_VERSION} checksums ... OK`);
  }
  await line(rt, '-- Checking if provided oc flags are supported ... OK');
  await line(rt, `-- Starting the OpenShift cluster using '${driver}' hypervisor ...`);
  if (fresh) {
    io.out(`-- Minishift VM will be configured with ...\n   Memory:    ${humanSize(memoryMb!)}\n   vCPUs :    ${o.cpus}\n   Disk size: ${humanSize(diskMb!)}\n\n`);
    if (!isoCached(env)) {
      await line(rt, `   Downloading ISO '${ISO_URL}'`);
      await line(rt, ' 355.00 MiB / 355.00 MiB [======================================================================] 100.00% 0s', 8);
      cacheIso(env);
    }
  }
  if (await takeStartFault(rt, 'vm-start')) {
    await progress(rt, '-- Starting Minishift VM ', 5, 15, ' FAIL \n');
    throw new CliExit(1, "Error starting the VM: Error creating the VM. Error creating machine: Error in driver during machine creation: virError(Code=55, Domain=19, Message='Requested operation is not valid: network 'default' is not active')");
  }
  await progress(rt, '-- Starting Minishift VM ', fresh ? 25 : 15, fresh ? 40 : 25);
  const ip = vmIp(env.home, o.profile);
  rt.setProfile(o.profile);
  const kube = existing?.vm.kube ?? { adminCert: fakePemData('CERTIFICATE'), adminKey: fakePemData('RSA PRIVATE KEY'), caData: fakePemData('CERTIFICATE'), developerToken: newToken() };
  const now = Date.now();
  await updateProfileState(env.home, o.profile, (cur) => {
    if (cur) return { value: { ...cur, vm: { ...cur.vm, status: 'Running', openshift: 'Stopped' } }, result: undefined };
    const state = newProfileState({ profile: o.profile, ip, memory: o.memory, cpus: o.cpus, diskSize: o.diskSize, driver, kube, now, seed: randomInt(2 ** 31) });
    state.vm.openshift = 'Stopped';
    state.clock.running = false;
    return { value: state, result: undefined };
  });
  for (const text of ['-- Checking for IP address ... OK', '-- Checking for nameservers ... OK', '-- Checking if external host is reachable from the Minishift VM ...', '   Pinging 8.8.8.8 ... OK', '-- Checking HTTP connectivity from the VM ...', '   Retrieving http://minishift.io/index.html ... OK', '-- Checking if persistent storage volume is mounted ... OK', '-- Checking available disk space ... 1% used OK']) {
    await line(rt, text, 0.6);
  }
  if (fresh) {
    await line(rt, '-- Writing current configuration for static assignment of IP address ... OK');
    io.out(`-- OpenShift cluster will be configured with ...\n   Version: ${OPENSHIFT_VERSION}\n`);
    if (await takeStartFault(rt, 'image-pull')) {
      await progress(rt, '-- Pulling the OpenShift Container Image ', 4, 8, ' FAIL\n');
      throw new CliExit(1, `Error pulling the OpenShift container image: ssh command error:\ncommand : docker pull openshift/origin-control-plane:${OPENSHIFT_VERSION}\nerr     : Process exited with status 1\noutput  : Trying to pull repository docker.io/openshift/origin-control-plane ... \nrepository docker.io/openshift/origin-control-plane not found: does not exist or no pull access`);
    }
    await progress(rt, '-- Pulling the OpenShift Container Image ', 11, 40);
  }
  await line(rt, '-- Copying oc binary from the OpenShift container image to VM ... OK');
  if (await takeStartFault(rt, 'cluster-up')) {
    await progress(rt, '-- Starting OpenShift cluster ', 10, 20, '\n');
    throw new CliExit(1, `Error during 'cluster up' execution: Error starting the cluster. ssh command error:\ncommand : /var/lib/minishift/bin/oc cluster up --base-dir /var/lib/minishift/base --public-hostname ${ip} --routing-suffix ${ip}.nip.io\nerr     : exit status 1\noutput  : Getting a Docker client ...\nChecking if image openshift/origin-control-plane:${OPENSHIFT_VERSION} is available ...\nerror: unable to start the OpenShift cluster: the origin container exited unexpectedly`);
  }
  await progress(rt, '-- Starting OpenShift cluster ', fresh ? 37 : 20, fresh ? 60 : 35, '\n');
  await updateProfileState(env.home, o.profile, (cur) => {
    if (!cur) return { result: undefined };
    const state = restartCluster(cur, Date.now(), fresh);
    return { value: state, result: undefined };
  });
  await writeClusterKubeconfigs(env, { profile: o.profile, ip, ...kube });
  io.out(`\n${clusterUpOutput(ip, fresh)}\n`);
  try {
    await router.start({ home: env.home, profile: o.profile, ip, env: env.raw });
  } catch (err) {
    throw new CliExit(1, `Error during post cluster up configuration: ${err instanceof Error ? err.message : String(err)}`);
  }
  return 0;
}
