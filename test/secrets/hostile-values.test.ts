import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from '@jest/globals';
import { WorkflowFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { execa } from 'execa';
import { stringify } from 'yaml';

import type { InstallStatus } from '../../src/shared/install-status.js';
import { installWorkflowId } from '../../src/shared/ids.js';
import { parseSpec } from '../../src/shared/spec.js';
import { runCli } from '../helpers/cli.js';
import { simSpec, useHarness, waitForInstall } from '../helpers/install-harness.js';
import { simWorld, TEMPLATE_24 } from '../helpers/sim.js';
import { uniqueId } from '../helpers/temporal.js';
import { testdir } from '../helpers/testdir.js';
import { startPlain } from './helpers/temporal-cli.js';

// Each value creates a file in `dir` wherever a shell interprets it: pasted bare, in double quotes or in single
// quotes (the control test below proves it), so an empty `traps` folder means nothing interpreted them.
const traps = testdir();
function hostile(name: string, dir = traps): string {
  const touch = (how: string) => `touch ${join(dir, `${name}-${how}`)}`;
  return `-${name} "dq" ; ${touch('semicolon')}; $(${touch('subshell')}) \`${touch('backtick')}\` '; ${touch('quote-break')}; ' $HOME\n${touch('newline')}`;
}
const USER = hostile('user');
const RECAPTCHA = hostile('recaptcha');

const world = simWorld({ speed: 200, extraEnv: { TEST_REGISTRY_PASSWORD: 'Reg1stry-Pa55-hostile' } });
const h = useHarness(world);

/** Reads one key of a Secret in the simulator, decoded. */
async function secretData(secret: string, key: string): Promise<string> {
  const { stdout } = await execa('oc', ['get', 'secret', secret, '-n', '3scale', '-o', 'json'], { env: world.env, extendEnv: false });
  const data = (JSON.parse(stdout) as { data: Record<string, string> }).data;
  return Buffer.from(data[key], 'base64').toString('utf8');
}

describe('hostile values (; $() backticks quotes newlines and a leading -) in the spec', () => {
  it('would be caught: pasted into a shell command line bare, in double or in single quotes, they create files', async () => {
    for (const quote of ['', '"', "'"]) {
      const control = testdir();
      await execa('sh', ['-c', `echo ${quote}${hostile('control', control)}${quote}`], { reject: false });
      expect(readdirSync(control).length).toBeGreaterThan(0);
    }
  });

  it('refuses them in the project name, naming openshift.project, from a spec file and from a plain workflow input', async () => {
    const project = hostile('project');
    const spec = simSpec('hostile-project', { openshift: { user: 'system:admin', project } });
    const file = join(testdir(), 'hostile-project.yaml');
    writeFileSync(file, stringify(spec));
    const refused = await runCli(['install', '-f', file], { env: { ...world.env, TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('openshift.project: must be a DNS-1123 label');
    expect(await world.journal()).toEqual([]);

    const id = uniqueId('install-hostile-project');
    await startPlain({ type: 'install', taskQueue: h.taskQueue, workflowId: id, input: spec });
    const err = await h.client.workflow.getHandle(id).result().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const status = ((err as WorkflowFailedError).cause as ApplicationFailure).details?.[0] as InstallStatus;
    expect(status.specProblems).toEqual(expect.arrayContaining([expect.stringMatching(/^openshift\.project: must be a DNS-1123 label/)]));
    expect(status.specProblems?.every((p) => p.startsWith('openshift.project: '))).toBe(true);
    expect(readdirSync(traps)).toEqual([]);
  });

  it('passes the registry username and a template parameter intact to the cluster, and nothing executes', async () => {
    const spec = simSpec('hostile-values', {
      registry: { server: 'registry.redhat.io', username: USER, password: 'env:TEST_REGISTRY_PASSWORD' },
      threescale: { release: '2.4.0', template: TEMPLATE_24, parameters: { RECAPTCHA_PUBLIC_KEY: RECAPTCHA } },
      smokeTest: { enabled: false },
    });
    const id = installWorkflowId(parseSpec(spec).spec!);
    await h.client.workflow.start('install', { args: [spec], taskQueue: h.taskQueue, workflowId: id });
    const status = await waitForInstall(h.client, id);
    expect({ state: status.state, pause: status.pause?.error }).toEqual({ state: 'installed', pause: undefined });

    const dockerConfig = JSON.parse(await secretData('threescale-registry-auth', '.dockerconfigjson')) as { auths: Record<string, { username: string; password: string }> };
    expect(dockerConfig.auths['registry.redhat.io']).toMatchObject({ username: USER, password: 'Reg1stry-Pa55-hostile' });
    expect(await secretData('system-recaptcha', 'PUBLIC_KEY')).toBe(RECAPTCHA);
    expect(readdirSync(traps)).toEqual([]);
  });
});
