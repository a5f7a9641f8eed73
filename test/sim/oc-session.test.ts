import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse, stringify } from 'yaml';

import { SimHarness } from './helpers/sim.js';

const MISSING_CONFIG = `error: Missing or incomplete configuration info.  Please login or point to an existing, complete config file:

  1. Via the command-line flag --config
  2. Via the KUBECONFIG environment variable
  3. In your home directory as ~/.kube/config

To view or setup config directly use the 'config' command.`;

const CLUSTER_UP_PROJECTS = ['default', 'kube-dns', 'kube-proxy', 'kube-public', 'kube-system', 'myproject', 'openshift', 'openshift-apiserver', 'openshift-controller-manager', 'openshift-core-operators', 'openshift-infra', 'openshift-node', 'openshift-service-cert-signer', 'openshift-web-console'];

describe('oc without any kubeconfig (openshift-cli.md §0.1)', () => {
  const sim = new SimHarness();
  afterAll(() => sim.cleanup());

  it('prints the Missing or incomplete configuration block on stderr with exit 1', async () => {
    expect(await sim.oc('whoami')).toEqual({ stdout: '', stderr: MISSING_CONFIG, exitCode: 1 });
    expect(await sim.oc('get', 'pods')).toEqual({ stdout: '', stderr: MISSING_CONFIG, exitCode: 1 });
  });

  it('oc version prints only the 3.11 client block', async () => {
    expect(await sim.oc('version')).toEqual({ stdout: 'oc v3.11.0+0cbc58b\nkubernetes v1.11.0+d4cacc0\nfeatures: Basic-Auth GSSAPI Kerberos SPNEGO', stderr: '', exitCode: 0 });
  });

  it('answers unknown commands and flags with cobra texts and exit 1', async () => {
    expect(await sim.oc('gett', 'pods')).toEqual({ stdout: '', stderr: 'Error: unknown command "gett" for "oc"\n\nDid you mean this?\n\tget\n\nRun \'oc --help\' for usage.', exitCode: 1 });
    expect(await sim.oc('get', 'pods', '--frobnicate')).toEqual({ stdout: '', stderr: "Error: unknown flag: --frobnicate\nSee 'oc get --help' for usage.", exitCode: 1 });
  });
});

describe('oc login, whoami, version, new-project and project against a running cluster (§1–§4)', () => {
  const sim = new SimHarness();
  let ip = '';
  let server = '';
  beforeAll(async () => {
    await sim.run('minishift', ['start'], { speed: 100_000 });
    ip = (await sim.minishift('ip')).stdout;
    server = `https://${ip}:8443`;
  });
  afterAll(() => sim.cleanup());

  it('starts as developer in myproject (the context minishift writes)', async () => {
    expect((await sim.oc('whoami')).stdout).toBe('developer');
  });

  it('logs in as system:admin with the existing credentials and lists the cluster up projects (§1)', async () => {
    const r = await sim.oc('login', '-u', 'system:admin');
    const list = CLUSTER_UP_PROJECTS.map((p) => (p === 'myproject' ? `  * ${p}` : `    ${p}`)).join('\n');
    expect(r).toEqual({
      stdout: `Logged into "${server}" as "system:admin" using existing credentials.\n\nYou have access to the following projects and can switch between them with 'oc project <projectname>':\n\n${list}\n\nUsing project "myproject".`,
      stderr: '',
      exitCode: 0,
    });
    expect(parse(readFileSync(sim.kubeconfig, 'utf8'))['current-context']).toBe(`myproject/${ip.replaceAll('.', '-')}:8443/system:admin`);
  });

  it('prints the same success text when already logged in (§1 note)', async () => {
    expect((await sim.oc('login', '-u', 'system:admin')).stdout).toContain(`Logged into "${server}" as "system:admin" using existing credentials.`);
  });

  it('whoami prints the user, --show-server the URL, and -t fails for the certificate user (§2)', async () => {
    expect(await sim.oc('whoami')).toEqual({ stdout: 'system:admin', stderr: '', exitCode: 0 });
    expect((await sim.oc('whoami', '--show-server')).stdout).toBe(server);
    expect(await sim.oc('whoami', '-t')).toEqual({ stdout: '', stderr: 'error: no token is currently in use for this session', exitCode: 1 });
  });

  it('oc version adds the server block (§0 sources)', async () => {
    expect((await sim.oc('version')).stdout).toBe(`oc v3.11.0+0cbc58b\nkubernetes v1.11.0+d4cacc0\nfeatures: Basic-Auth GSSAPI Kerberos SPNEGO\n\nServer ${server}\nkubernetes v1.11.0+d4cacc0`);
  });

  it('prompts and then fails with "invalid for basic auth" without minishift\'s credentials (§1, §20.2)', async () => {
    const cfg = parse(readFileSync(sim.kubeconfig, 'utf8'));
    cfg.users = cfg.users.filter((u: { name: string }) => !u.name.startsWith('system:admin/'));
    const other = join(sim.dir, 'other', 'config');
    mkdirSync(dirname(other), { recursive: true });
    writeFileSync(other, stringify(cfg));
    const r = await sim.run('oc', ['login', '-u', 'system:admin'], { env: { KUBECONFIG: other } });
    expect(r).toEqual({ stdout: `Authentication required for ${server} (openshift)\nUsername: system:admin\nPassword: `, stderr: 'error: username system:admin is invalid for basic auth', exitCode: 1 });
  });

  it('logs a developer in with a password into a new kubeconfig and says Welcome (§1)', async () => {
    const fresh = join(sim.dir, 'fresh', 'config');
    const r = await sim.run('oc', ['login', server, '-u', 'developer', '-p', 'developer', '--insecure-skip-tls-verify'], { env: { KUBECONFIG: fresh } });
    expect(r).toEqual({ stdout: 'Login successful.\n\nYou have one project on this server: "myproject"\n\nUsing project "myproject".\nWelcome! See \'oc help\' to get started.', stderr: '', exitCode: 0 });
    expect((await sim.run('oc', ['whoami'], { env: { KUBECONFIG: fresh } })).stdout).toBe('developer');
    expect(await sim.run('oc', ['logout'], { env: { KUBECONFIG: fresh } })).toEqual({ stdout: `Logged "developer" out on "${server}"`, stderr: '', exitCode: 0 });
    expect(await sim.run('oc', ['whoami'], { env: { KUBECONFIG: fresh } })).toEqual({
      stdout: '',
      stderr: 'Error from server (Forbidden): users.user.openshift.io "~" is forbidden: User "system:anonymous" cannot get users.user.openshift.io at the cluster scope: no RBAC policy matched',
      exitCode: 1,
    });
  });

  it('creates a project, switches to it and prints the new-app hint (§3)', async () => {
    expect(await sim.oc('new-project', '3scale')).toEqual({
      stdout: `Now using project "3scale" on server "${server}".\n\nYou can add applications to this project with the 'new-app' command. For example, try:\n\n    oc new-app centos/ruby-25-centos7~https://github.com/sclorg/ruby-ex.git\n\nto build a new example application in Ruby.`,
      stderr: '',
      exitCode: 0,
    });
    expect((await sim.oc('project', '-q')).stdout).toBe('3scale');
  });

  it.each([
    [['3scale'], 'Error from server (AlreadyExists): project.project.openshift.io "3scale" already exists'],
    [['3Scale'], `The ProjectRequest "3Scale" is invalid: metadata.name: Invalid value: "3Scale": a DNS-1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`],
    [['x'], 'The ProjectRequest "x" is invalid: metadata.name: Invalid value: "x": must be at least 2 characters long'],
    [['kube-x'], 'Error from server (Forbidden): project.project.openshift.io "kube-x" is forbidden: cannot request a project starting with "kube-"'],
    [['openshift'], 'Error from server (Forbidden): project.project.openshift.io "openshift" is forbidden: cannot request a project with the name "openshift"'],
    [[], 'error: must have exactly one argument'],
  ])('new-project %j fails on stderr with exit 1 (§3)', async (args, stderr) => {
    expect(await sim.oc('new-project', ...args)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it('switches projects and reports already-current and no-arg cases (§4)', async () => {
    expect(await sim.oc('project', 'myproject')).toEqual({ stdout: `Now using project "myproject" on server "${server}".`, stderr: '', exitCode: 0 });
    expect((await sim.oc('project', 'myproject')).stdout).toBe(`Already on project "myproject" on server "${server}".`);
    expect((await sim.oc('project')).stdout).toBe(`Using project "myproject" on server "${server}".`);
  });

  it('lists the projects when the target does not exist (§4)', async () => {
    const r = await sim.oc('project', 'nope');
    const names = [...CLUSTER_UP_PROJECTS, '3scale'].sort().map((p) => `* ${p === 'myproject' ? 'My Project (myproject)' : p}`);
    expect(r).toEqual({ stdout: '', stderr: `error: A project named "nope" does not exist on "${server}".\nYour projects are:\n${names.join('\n')}`, exitCode: 1 });
  });

  it('keeps AlreadyExists while a deleted project terminates, and reports a deleted current project (§3, §13, §20.3)', async () => {
    await sim.oc('project', '3scale');
    // Slow the clock so the modelled tens of seconds of finalization outlast the next calls.
    sim.speed = 5;
    const del = await sim.oc('delete', 'project', '3scale', '--wait=false');
    expect(del).toEqual({ stdout: 'project.project.openshift.io "3scale" deleted', stderr: '', exitCode: 0 });
    expect((await sim.oc('get', 'project', '3scale')).stdout).toMatch(/^NAME\s+DISPLAY NAME\s+STATUS\n3scale\s+Terminating$/);
    expect((await sim.oc('new-project', '3scale')).stderr).toBe('Error from server (AlreadyExists): project.project.openshift.io "3scale" already exists');
    sim.speed = 200;
    await sim.until('the project to be gone', async () => ((await sim.oc('get', 'project', '3scale')).exitCode === 1 ? true : undefined));
    expect(await sim.oc('project')).toEqual({ stdout: '', stderr: 'error: the project "3scale" specified in your config does not exist.', exitCode: 1 });
    expect(await sim.oc('delete', 'project', '3scale')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): projects.project.openshift.io "3scale" not found', exitCode: 1 });
  });

  it('blocks oc delete project until the project is gone (§13, §20.3)', async () => {
    await sim.oc('new-project', 'short-lived');
    expect(await sim.oc('delete', 'project', 'short-lived')).toEqual({ stdout: 'project.project.openshift.io "short-lived" deleted', stderr: '', exitCode: 0 });
    expect((await sim.oc('get', 'project', 'short-lived')).stderr).toBe('Error from server (NotFound): projects.project.openshift.io "short-lived" not found');
  });

  it('refuses the connection once the VM is stopped (§0.1, §1, §2, §20.8)', async () => {
    const saved = join(sim.dir, 'saved-config');
    copyFileSync(sim.kubeconfig, saved);
    await sim.minishift('stop');
    expect(await sim.oc('whoami')).toEqual({ stdout: '', stderr: `The connection to the server ${ip}:8443 was refused - did you specify the right host or port?`, exitCode: 1 });
    expect(await sim.oc('login', '-u', 'system:admin')).toEqual({
      stdout: '',
      stderr: `error: dial tcp ${ip}:8443: connect: connection refused - verify you have provided the correct host and port and that the server is currently running.`,
      exitCode: 1,
    });
    expect((await sim.oc('version')).stdout).toBe('oc v3.11.0+0cbc58b\nkubernetes v1.11.0+d4cacc0\nfeatures: Basic-Auth GSSAPI Kerberos SPNEGO');
    expect(await sim.oc('whoami', '--show-server')).toEqual({ stdout: server, stderr: '', exitCode: 0 });
  });
});
