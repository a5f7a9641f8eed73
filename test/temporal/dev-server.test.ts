import { describe, expect, it } from '@jest/globals';

import { devServerArgs } from '../../src/temporal/dev-server.js';
import { testClient } from '../helpers/temporal.js';

describe('dev server', () => {
  it('registers every custom search attribute the workflows use', async () => {
    const client = await testClient();
    try {
      const res = await client.connection.operatorService.listSearchAttributes({ namespace: 'default' });
      expect(Object.keys(res.customAttributes ?? {})).toEqual(
        expect.arrayContaining(['AmpInstallState', 'AmpInstallStep', 'AmpProject', 'AmpPlatform', 'AmpReadyDCs', 'AmpLab']),
      );
    } finally {
      await client.connection.close();
    }
  });

  it('builds a headless argv with an SQLite file when asked', () => {
    const args = devServerArgs({ port: 7300, uiPort: false, dbFile: '/tmp/x.db' });
    expect(args.slice(0, 6)).toEqual(['server', 'start-dev', '--ip', '127.0.0.1', '--port', '7300']);
    expect(args).toContain('--headless');
    expect(args.join(' ')).toContain('--db-filename /tmp/x.db');
  });
});
