import { describe, expect, it } from '@jest/globals';

import { freePort } from '../../src/temporal/dev-server.js';
import { runCli } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';

describe('amp-installer demo', () => {
  it('installs the seed spec on the simulated Minishift, and a second run finds the work done', async () => {
    const dataDir = testdir();
    const ports = async () => ['--port', String(await freePort()), '--ui-port', String(await freePort()), '--codec-port', String(await freePort())];
    const env = { ...process.env, AMP_DATA_DIR: dataDir, TEMPORAL_ADDRESS: undefined, AMP_CODEC_KEY: undefined };
    const first = await runCli(['demo', '--exit', '--speed', '200', ...(await ports())], { env, timeoutMs: 240_000 });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Install install-minishift-minishift-3scale: installed');
    expect(first.stdout).toMatch(/adminPortal: https:\/\/3scale-admin\.127\.\d+\.\d+\.\d+\.nip\.io/);
    expect(first.stdout).toMatch(/Temporal UI: http:\/\/localhost:\d+\/namespaces\/default\/workflows\/install-minishift-minishift-3scale/);

    const second = await runCli(['demo', '--exit', '--speed', '200', ...(await ports())], { env, timeoutMs: 240_000 });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('The simulated VM of an earlier demo is still there');
    expect(second.stdout).toContain('Install install-minishift-minishift-3scale: installed');
    await runCli(['sim', 'reset'], { env: { ...env, AMP_SIM_HOME: `${dataDir}/sim` } });
  });
});
