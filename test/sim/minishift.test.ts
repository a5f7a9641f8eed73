import { existsSync, lstatSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';

import { PROJECT_ROOT } from '../../src/paths.js';
import { SimHarness } from './helpers/sim.js';

describe('simulated minishift 1.34 (openshift-cli.md §14–§19)', () => {
  const sim = new SimHarness(100_000);
  afterAll(() => sim.cleanup());

  it('prints its version as minishift v1.34.3+4b58f89', async () => {
    expect(await sim.minishift('version')).toEqual({ stdout: 'minishift v1.34.3+4b58f89', stderr: '', exitCode: 0 });
  });

  describe('before any VM exists (§20.1 exit-0 non-results)', () => {
    it('status prints just "Does Not Exist" with exit 0 (§15)', async () => {
      expect(await sim.minishift('status')).toEqual({ stdout: 'Does Not Exist', stderr: '', exitCode: 0 });
    });

    it.each([['ip'], ['oc-env'], ['stop']])('%s explains that no VM is defined, on stdout with exit 0 (§16–§18)', async (cmd) => {
      expect(await sim.minishift(cmd)).toEqual({
        stdout: "Running this command requires an existing 'minishift' VM, but no VM is defined.",
        stderr: '',
        exitCode: 0,
      });
    });

    it('delete --force is silent with exit 0 (§19)', async () => {
      expect(await sim.minishift('delete', '--force')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    });

    it('rejects an invalid --memory with "Memory size is not valid" on stderr and exit 1 (§14)', async () => {
      const r = await sim.minishift('start', '--memory', 'lots');
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toBe("-- Starting profile 'minishift'");
      expect(r.stderr).toBe("Memory size is not valid: invalid size: 'lots'");
    });

    it('answers an unknown command with cobra\'s error and exit 1', async () => {
      const r = await sim.minishift('frobnicate');
      expect(r).toEqual({ stdout: '', stderr: 'Error: unknown command "frobnicate" for "minishift"\nRun \'minishift --help\' for usage.', exitCode: 1 });
    });
  });

  describe('a fresh start, restarts, stop and delete', () => {
    let ip = '';
    let fresh: Awaited<ReturnType<SimHarness['minishift']>>;
    beforeAll(async () => {
      fresh = await sim.minishift('start', '--memory', '8GB', '--cpus', '4', '--vm-driver', 'kvm');
      ip = (await sim.minishift('ip')).stdout;
    });

    it('prints the fresh-start transcript with the configured VM block and the cluster up output (§14)', () => {
      expect(fresh.exitCode).toBe(0);
      expect(fresh.stderr).toBe('');
      const out = fresh.stdout;
      expect(out.startsWith("-- Starting profile 'minishift'\n-- Check if deprecated options are used ... OK\n")).toBe(true);
      expect(out).toContain("-- Checking if requested hypervisor 'kvm' is supported on this platform ... OK\n");
      expect(out).toContain("-- Downloading OpenShift binary 'oc' version 'v3.11.0'\n");
      expect(out).toContain('-- Minishift VM will be configured with ...\n   Memory:    8 GB\n   vCPUs :    4\n   Disk size: 20 GB\n');
      expect(out).toMatch(/-- Starting Minishift VM \.+ OK\n/);
      expect(out).toMatch(/-- Pulling the OpenShift Container Image \.+ OK\n/);
      expect(out).toContain(`Using public hostname IP ${ip} as the host IP\n`);
      expect(out).toContain('Creating initial project "myproject" ...\n');
      expect(out).toContain(`OpenShift server started.\n\nThe server is accessible via web console at:\n    https://${ip}:8443\n`);
      expect(out.trimEnd().endsWith('To login as administrator:\n    oc login -u system:admin')).toBe(true);
    });

    it('gives the VM a loopback address other than 127.0.0.1 (ip §16)', () => {
      expect(ip).toMatch(/^127\.\d+\.\d+\.\d+$/);
      expect(ip).not.toBe('127.0.0.1');
    });

    it('writes the kubeconfig: cluster <ip-with-dashes>:8443, system:admin cert user, context minishift as developer in myproject', () => {
      const nick = `${ip.replaceAll('.', '-')}:8443`;
      const cfg = parse(readFileSync(sim.kubeconfig, 'utf8'));
      expect(cfg['current-context']).toBe('minishift');
      expect(cfg.clusters).toContainEqual({ name: nick, cluster: expect.objectContaining({ server: `https://${ip}:8443` }) });
      expect(cfg.users.find((u: { name: string }) => u.name === `system:admin/${nick}`).user['client-certificate-data']).toEqual(expect.any(String));
      expect(cfg.contexts).toContainEqual({ name: 'minishift', context: { cluster: nick, namespace: 'myproject', user: `developer/${nick}` } });
    });

    it('reports Running in status with the OpenShift build (§15)', async () => {
      const r = await sim.minishift('status');
      expect(r.exitCode).toBe(0);
      expect(r.stdout.split('\n')).toEqual([
        'Minishift:  Running',
        'Profile:    minishift',
        'OpenShift:  Running (openshift v3.11.0+57f8760-31)',
        expect.stringMatching(/^DiskUsage: {2}\d+% of 19G \(Mounted On: \/mnt\/sda1\)$/),
        'CacheUsage: 1.637 GB (used by oc binary, ISO or cached images)',
      ]);
    });

    it('oc-env prints the oc cache folder, which holds an oc that is the simulated one (§17)', async () => {
      const dir = join(sim.minishiftHome, 'cache', 'oc', 'v3.11.0', 'linux');
      const r = await sim.minishift('oc-env');
      expect(r.stdout).toBe(`export PATH="${dir}:$PATH"\n# Run this command to configure your shell:\n# eval $(minishift oc-env)`);
      expect(lstatSync(join(dir, 'oc')).isSymbolicLink()).toBe(true);
      expect(realpathSync(join(dir, 'oc'))).toBe(join(PROJECT_ROOT, 'src', 'sim', 'bin', 'oc'));
    });

    it('says the VM is already running and exits 0 on a second start (§14, §20.1)', async () => {
      expect(await sim.minishift('start', '--memory', '16GB')).toEqual({
        stdout: "-- Starting profile 'minishift'\nThe 'minishift' VM is already running.",
        stderr: '',
        exitCode: 0,
      });
    });

    it('stops with the documented text, then reports Stopped and exit-0 explanations (§15, §16, §18)', async () => {
      expect(await sim.minishift('stop')).toEqual({ stdout: 'Stopping the OpenShift cluster...\nCluster stopped.', stderr: '', exitCode: 0 });
      expect((await sim.minishift('status')).stdout).toBe('Minishift:  Stopped\nProfile:    minishift\nOpenShift:  Stopped\nDiskUsage:  Unknown\nCacheUsage: 1.637 GB (used by oc binary, ISO or cached images)');
      expect(await sim.minishift('ip')).toEqual({ stdout: "Running this command requires a running 'minishift' VM, but no VM is running.", stderr: '', exitCode: 0 });
      expect(await sim.minishift('stop')).toEqual({ stdout: "The 'minishift' VM is already stopped.", stderr: '', exitCode: 0 });
    });

    it('restarts a stopped VM without the "will be configured" block, ignoring new flags, on the same IP (§14)', async () => {
      const r = await sim.minishift('start', '--memory', '16GB', '--cpus', '8');
      expect(r.exitCode).toBe(0);
      expect(r.stdout).not.toContain('Minishift VM will be configured');
      expect(r.stdout).not.toContain('Downloading');
      expect(r.stdout).toMatch(/-- Starting Minishift VM \.+ OK\n/);
      expect((await sim.minishift('ip')).stdout).toBe(ip);
    });

    it('keeps the VM when delete is not confirmed: prompt on stdout, EOF answers no, exit 0 (§19, §20.1)', async () => {
      const r = await sim.run('minishift', ['delete']);
      expect(r).toEqual({ stdout: "You are deleting the Minishift VM: 'minishift'. Do you want to continue [y/N]?: ", stderr: '', exitCode: 0 });
      expect((await sim.minishift('status')).stdout).toContain('Minishift:  Running');
    });

    it('deletes with --force, removing its kubeconfig entries (§19)', async () => {
      const nick = `${ip.replaceAll('.', '-')}:8443`;
      expect(await sim.minishift('delete', '--force')).toEqual({
        stdout: `Removing entries from kubeconfig for cluster: ${nick}\nDeleting the Minishift VM...\nMinishift VM deleted.`,
        stderr: '',
        exitCode: 0,
      });
      expect((await sim.minishift('status')).stdout).toBe('Does Not Exist');
      const cfg = parse(readFileSync(sim.kubeconfig, 'utf8'));
      expect(cfg.clusters).toEqual([]);
      expect(existsSync(join(sim.minishiftHome, 'machines', 'minishift_kubeconfig'))).toBe(false);
    });
  });
});
