import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execa } from 'execa';

import { createDeployTemplate, type DeployTemplateInput } from '../../../src/activities/template/deploy-template.js';
import { depsFor, inActivity, preflightWorld, sim, startVm } from '../preflight/helpers.js';
import { SIM_BIN, TEMPLATE_24 } from '../../helpers/sim.js';

// A worker killed while `oc new-app` runs leaves an orphan that dies of SIGPIPE at its next line of output (the
// simulator's oc, like the real one). The retry must complete the deploy without a second new-app, with the
// generated values the created objects already use — including those only a DeploymentConfig holds.
const world = preflightWorld();
const project = 'partial';
let input: DeployTemplateInput;

beforeAll(async () => {
  const ip = await startVm(world, 'partial');
  expect((await sim(world, 'oc', ['new-project', project])).code).toBe(0);
  input = { project, template: TEMPLATE_24, release: '2.4.0', wildcardDomain: `${ip}.nip.io`, parameters: {} };
}, 60_000);
afterAll(() => world.reset());

const jsonpath = async (what: string, path: string) => {
  const res = await sim(world, 'oc', ['get', what, '-n', project, '-o', `jsonpath=${path}`]);
  expect(res.stderr).toBe('');
  return res.stdout;
};
const cliCalls = async (pattern: RegExp) =>
  (await world.journal()).filter((e) => e.kind === 'cli' && pattern.test((e.argv as string[]).join(' ')));

describe('deployTemplate after an oc new-app that died part-way', () => {
  it('creates only the missing objects, with the MySQL passwords the system-mysql DC already has', async () => {
    // The orphan: its parent stops reading right after system-mysql's DC is created.
    const orphan = execa(join(SIM_BIN, 'oc'), ['new-app', '-f', TEMPLATE_24, '-p', `WILDCARD_DOMAIN=${input.wildcardDomain}`, '-p', 'AMP_RELEASE=2.4.0', '-n', project], {
      env: world.env,
      reject: false,
      buffer: false,
    });
    orphan.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('deploymentconfig.apps.openshift.io "system-mysql" created')) orphan.stdout!.destroy();
    });
    const died = await orphan;
    expect(died.exitCode).toBe(141);
    const rootInDc = await jsonpath('dc/system-mysql', '{.spec.template.spec.containers[0].env[?(@.name=="MYSQL_ROOT_PASSWORD")].value}');
    expect(rootInDc).toMatch(/^\w{8}$/);
    expect((await sim(world, 'oc', ['get', 'secret', 'system-database', '-n', project])).code).toBe(1);

    const first = await inActivity(() => createDeployTemplate(depsFor(world))(input));
    expect(first.output.objects).toBe(67);
    expect(first.output.created).toBeGreaterThan(0);
    expect(first.output.created).toBeLessThan(67 - 21);
    expect(await cliCalls(/^new-app\b/)).toHaveLength(1); // the orphan's, journaled with 141

    // The database URL the system pods use carries the root password MySQL was deployed with.
    const url = Buffer.from(await jsonpath('secret/system-database', '{.data.URL}'), 'base64').toString();
    expect(url).toBe(`mysql2://root:${rootInDc}@system-mysql/system`);
  }, 120_000);

  it('then has nothing left to do: a second run creates nothing and runs no create', async () => {
    const creates = (await cliCalls(/^(new-app|create)\b/)).length;
    const again = await inActivity(() => createDeployTemplate(depsFor(world))(input));
    expect(again.output.created).toBe(0);
    expect(await cliCalls(/^(new-app|create)\b/)).toHaveLength(creates);
  }, 60_000);
});
