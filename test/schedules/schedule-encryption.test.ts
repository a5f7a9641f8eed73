import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@temporalio/client';

import { createDataConverter, ENCRYPTED_ENCODING, loadKeyring } from '../../src/codec/index.js';
import { INSTALL_PLATFORM, INSTALL_PROJECT } from '../../src/shared/search-attributes.js';
import { testClient, uniqueId } from '../helpers/temporal.js';
import { deleteSchedules, scheduleCli, specFile } from './helpers.js';

const SENTINEL_USER = `sentinel-user-${randomUUID()}`;
const name = uniqueId('encrypted');
const profile = uniqueId('enc');
let plain: Client;
let withCodec: Client;

/** Every string and byte string in a raw protobuf object, bytes read as latin1: what a reader of the database sees. */
function rawText(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value instanceof Uint8Array) out.push(Buffer.from(value).toString('latin1'));
  else if (value && typeof value === 'object') for (const v of Object.values(value)) rawText(v, out);
  return out;
}

beforeAll(async () => {
  plain = await testClient();
  // The same key the CLI child uses (global setup put it in AMP_CODEC_KEY).
  withCodec = new Client({ connection: plain.connection, namespace: 'default', dataConverter: createDataConverter(loadKeyring(process.env, { redactor: null })) });
  const file = specFile({
    platform: { type: 'minishift', profile },
    openshift: { project: 'lab-enc' },
    registry: { username: SENTINEL_USER, password: 'env:REGISTRY_PASSWORD' },
  });
  const res = await scheduleCli(['create', name, '-f', file, '--every', '24h', '--paused'], uniqueId('sched-enc'));
  expect(res.code).toBe(0);
});
afterAll(async () => {
  await deleteSchedules(plain, [name]);
  await plain?.connection.close();
});

describe('a schedule created by amp-installer schedule create', () => {
  it('stores the action args, memo and summary encrypted: a client without the codec sees no spec value', async () => {
    const raw = await plain.workflowService.describeSchedule({ namespace: 'default', scheduleId: name });
    const action = raw.schedule?.action?.startWorkflow;
    const payloads = [
      ...(action?.input?.payloads ?? []),
      ...Object.values(raw.memo?.fields ?? {}),
      action?.userMetadata?.summary,
      action?.userMetadata?.details,
    ];
    expect(action?.input?.payloads).toHaveLength(2);
    for (const p of payloads) expect(Buffer.from(p?.metadata?.encoding ?? []).toString()).toBe(ENCRYPTED_ENCODING);
    const text = rawText(raw).join('\n');
    expect(text).not.toContain(SENTINEL_USER);
    expect(text).not.toContain('REGISTRY_PASSWORD');
    // The project name is readable only where it is meant to be: in the search attributes and the workflow id
    // (neither can be encrypted; docs/security.md), not in any payload.
    const plainParts = { ...raw, searchAttributes: null, schedule: { ...raw.schedule, action: { startWorkflow: { ...action, searchAttributes: null, workflowId: null } } } };
    expect(text).toContain('lab-enc');
    expect(rawText(plainParts).join('\n')).not.toContain('lab-enc');
  });

  it('decodes to the validated spec and the rebuild options with the codec, and carries the target as search attributes', async () => {
    const desc = await withCodec.schedule.getHandle(name).describe();
    expect(desc.action.workflowType).toBe('rebuild');
    const [spec, options] = desc.action.args as [{ registry: { username: string }; openshift: { project: string } }, unknown];
    expect(spec.registry.username).toBe(SENTINEL_USER);
    expect(spec.openshift.project).toBe('lab-enc');
    expect(options).toEqual({ vm: 'keep' });
    expect(desc.action.staticSummary).toBe(`Scheduled rebuild of project lab-enc on minishift profile ${profile} (schedule ${name})`);
    expect(desc.action.workflowId).toBe(`rebuild-minishift-${profile}-lab-enc`);
    for (const attrs of [desc.action.typedSearchAttributes, desc.typedSearchAttributes]) {
      const get = (key: typeof INSTALL_PROJECT) => (attrs && 'get' in attrs ? attrs.get(key) : undefined);
      expect([get(INSTALL_PROJECT), get(INSTALL_PLATFORM)]).toEqual(['lab-enc', 'minishift']);
    }
  });
});
