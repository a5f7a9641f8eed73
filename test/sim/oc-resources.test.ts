import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import type { ApiObject } from './helpers/sim.js';
import { SimHarness } from './helpers/sim.js';

describe('oc create and oc get (openshift-cli.md §5, §7, §12)', () => {
  const sim = new SimHarness();
  let ip = '';
  beforeAll(async () => {
    ip = await sim.up();
    await sim.oc('new-project', 'alpha');
  });
  afterAll(() => sim.cleanup());

  describe('oc create secret docker-registry (§5)', () => {
    it('creates a kubernetes.io/dockerconfigjson secret with the credentials under .dockerconfigjson', async () => {
      const r = await sim.oc('create', 'secret', 'docker-registry', 'threescale-registry-auth', '--docker-server=registry.redhat.io', '--docker-username=u1', '--docker-password=p1');
      expect(r).toEqual({ stdout: 'secret/threescale-registry-auth created', stderr: '', exitCode: 0 });
      const secret = await sim.json<ApiObject>('secret', 'threescale-registry-auth');
      expect(secret.type).toBe('kubernetes.io/dockerconfigjson');
      const config = JSON.parse(Buffer.from(secret.data['.dockerconfigjson'], 'base64').toString());
      expect(config.auths['registry.redhat.io']).toEqual({ username: 'u1', password: 'p1', auth: Buffer.from('u1:p1').toString('base64') });
    });

    it.each([
      [['threescale-registry-auth', '--docker-server=x', '--docker-username=u', '--docker-password=p'], 'Error from server (AlreadyExists): secrets "threescale-registry-auth" already exists'],
      [['s2', '--docker-server=', '--docker-username=u', '--docker-password=p'], "error: flag docker-server is required\nSee 'oc create secret docker-registry -h' for help and examples."],
      [['--docker-server=x', '--docker-username=u', '--docker-password=p'], "error: exactly one NAME is required, got 0\nSee 'oc create secret docker-registry -h' for help and examples."],
    ])('fails for %j with the documented text on stderr and exit 1', async (args, stderr) => {
      expect(await sim.oc('create', 'secret', 'docker-registry', ...args)).toEqual({ stdout: '', stderr, exitCode: 1 });
    });

    it('reports missing required flags the cobra way, followed by the usage', async () => {
      const r = await sim.oc('create', 'secret', 'docker-registry', 's3', '--docker-server=x');
      expect(r.exitCode).toBe(1);
      expect(r.stderr.split('\n')[0]).toBe('Error: required flag(s) "docker-password", "docker-username" not set');
      expect(r.stderr).toContain('Usage:\n  oc create secret docker-registry NAME');
    });
  });

  describe('oc create route edge and host claims', () => {
    it('creates an edge route and the router admits it', async () => {
      expect(await sim.oc('create', 'route', 'edge', 'web', '--service=web', `--hostname=web.${ip}.nip.io`, '--insecure-policy=Allow')).toEqual({
        stdout: 'route.route.openshift.io/web created',
        stderr: '',
        exitCode: 0,
      });
      const jp = '{.status.ingress[0].conditions[?(@.type=="Admitted")].status}';
      expect(await sim.oc('get', 'route', 'web', '-o', `jsonpath=${jp}`)).toEqual({ stdout: 'True', stderr: '', exitCode: 0 });
    });

    it('creates but does not admit a second route for a host another project already claimed (HostAlreadyClaimed)', async () => {
      await sim.oc('new-project', 'beta');
      const r = await sim.oc('create', 'route', 'edge', 'web2', '--service=web', `--hostname=web.${ip}.nip.io`);
      expect(r).toEqual({ stdout: 'route.route.openshift.io/web2 created', stderr: '', exitCode: 0 });
      const route = await sim.json<ApiObject>('route', 'web2');
      expect(route.status.ingress[0].conditions[0]).toMatchObject({ type: 'Admitted', status: 'False', reason: 'HostAlreadyClaimed' });
      const table = (await sim.oc('get', 'routes')).stdout.split('\n');
      expect(table[0]).toMatch(/^NAME\s+HOST\/PORT\s+PATH\s+SERVICES\s+PORT\s+TERMINATION\s+WILDCARD$/);
      expect(table[1]).toMatch(/^web2\s+HostAlreadyClaimed\s+web\s+<all>\s+edge\s+None$/);
    });
  });

  describe('oc create -f', () => {
    const file = (): string => join(sim.dir, 'objects.yaml');
    beforeAll(() => {
      writeFileSync(
        file(),
        'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: one}\n  data: {a: b}\n- apiVersion: v1\n  kind: Service\n  metadata: {name: two}\n  spec: {ports: [{port: 80}], selector: {app: two}}\n',
      );
    });

    it('prints <kind>.<group>/<name> created per object', async () => {
      expect(await sim.oc('create', '-f', file())).toEqual({ stdout: 'configmap/one created\nservice/two created', stderr: '', exitCode: 0 });
    });

    it('reports each existing object on stderr and exits 1', async () => {
      expect(await sim.oc('create', '-f', file())).toEqual({
        stdout: '',
        stderr: `Error from server (AlreadyExists): error when creating "${file()}": configmaps "one" already exists\nError from server (AlreadyExists): error when creating "${file()}": services "two" already exists`,
        exitCode: 1,
      });
    });
  });

  describe('oc get output formats (§7, §12)', () => {
    it('says "No resources found." on stderr for an empty table, exit 0', async () => {
      expect(await sim.oc('get', 'pods')).toEqual({ stdout: '', stderr: 'No resources found.', exitCode: 0 });
    });

    it('wraps lists in a v1 List with empty metadata strings, 4-space indented with sorted keys (§7, §20.5)', async () => {
      const r = await sim.oc('get', 'pods', '-o', 'json');
      expect(r).toEqual({ stdout: '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": "",\n        "selfLink": ""\n    }\n}', stderr: '', exitCode: 0 });
      const cms = (await sim.oc('get', 'configmaps', '-n', 'beta', '-o', 'json')).stdout;
      const item = JSON.parse(cms).items[0];
      expect(Object.keys(item)).toEqual([...Object.keys(item)].sort());
      expect(cms).toContain('\n    "items": [\n        {\n            "apiVersion": "v1",\n');
    });

    it('prints a single named object bare, and -o name as kind/name', async () => {
      expect(JSON.parse((await sim.oc('get', 'configmap', 'one', '-o', 'json')).stdout).kind).toBe('ConfigMap');
      expect((await sim.oc('get', 'configmap,service', '-o', 'name')).stdout).toBe('configmap/one\nservice/two');
    });

    it('prints jsonpath results without a trailing newline, with range and filters', async () => {
      const r = await sim.oc('get', 'projects', '-o', 'jsonpath={range .items[?(@.metadata.name=="alpha")]}{.metadata.name}{"\\n"}{end}');
      expect(r.stdout).toBe('alpha');
      expect((await sim.oc('get', 'svc', 'two', '-o', 'jsonpath={.spec.ports[0].port}')).stdout).toBe('80');
    });

    it('selects with -l and reports missing names and unknown types on stderr with exit 1 (§0.1, §20.8)', async () => {
      expect((await sim.oc('get', 'svc', '-l', 'app=none', '-o', 'name')).stdout).toBe('');
      expect(await sim.oc('get', 'route', 'nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): routes.route.openshift.io "nope" not found', exitCode: 1 });
      expect(await sim.oc('get', 'frobs')).toEqual({ stdout: '', stderr: 'error: the server doesn\'t have a resource type "frobs"', exitCode: 1 });
    });

    it('lists the 100 hostPath volumes of oc cluster up (3scale-template.md §7.4)', async () => {
      const pvs = await sim.json('pv');
      expect(pvs.items).toHaveLength(100);
      expect(pvs.items[0].metadata.name).toBe('pv0001');
      expect(pvs.items[99].spec).toMatchObject({ capacity: { storage: '100Gi' }, persistentVolumeReclaimPolicy: 'Recycle' });
      expect(pvs.items[99].spec.accessModes).toEqual(expect.arrayContaining(['ReadWriteOnce', 'ReadWriteMany']));
    });
  });
});
