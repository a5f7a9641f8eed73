import { describe, expect, it } from '@jest/globals';

import { FlagError, missingRequired, parseFlags } from '../../../src/sim/cluster/cli/flags.js';
import { podColumns } from '../../../src/sim/cluster/printers/pod-row.js';
import { goJson } from '../../../src/sim/cluster/printers/json.js';
import { goPrint, renderJsonPath } from '../../../src/sim/cluster/printers/jsonpath.js';
import { shortDuration, tabulate } from '../../../src/sim/cluster/printers/tabwriter.js';
import { generateExpression } from '../../../src/sim/cluster/template/generate.js';
import type { KubeObject } from '../../../src/sim/cluster/model/types.js';

const list = {
  items: [
    { metadata: { name: 'a' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } },
    { metadata: { name: 'b' }, status: { conditions: [{ type: 'Ready', status: 'False' }] } },
  ],
};

describe('kubectl JSONPath templates', () => {
  it('prints fields, wildcards (space separated), ranges, filters and literals without a trailing newline', () => {
    expect(renderJsonPath('{.items[*].metadata.name}', list)).toBe('a b');
    expect(renderJsonPath('{range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}', list)).toBe('a=True\nb=False\n');
    expect(renderJsonPath('{.items[1].metadata.name}', list)).toBe('b');
    expect(renderJsonPath('{.items[-1:].metadata.name}', list)).toBe('b');
    expect(renderJsonPath('x{.missing}y', list)).toBe('xy');
  });

  it('prints maps and lists the way Go formats them', () => {
    expect(goPrint({ b: 1, a: ['x', 'y'] })).toBe('map[a:[x y] b:1]');
  });
});

describe('Go JSON', () => {
  it('sorts keys, indents by four spaces and escapes <, > and &', () => {
    expect(goJson({ b: '<&>', a: 1 })).toBe('{\n    "a": 1,\n    "b": "\\u003c\\u0026\\u003e"\n}\n');
  });
});

describe('printPod STATUS column', () => {
  const pod = (status: object, spec: object = { containers: [{ name: 'c' }] }): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec, status });
  it.each([
    [{ phase: 'Pending', containerStatuses: [{ state: { waiting: { reason: 'ContainerCreating' } } }] }, 'ContainerCreating', '0/1'],
    [{ phase: 'Running', containerStatuses: [{ ready: true, state: { running: {} } }] }, 'Running', '1/1'],
    [{ phase: 'Running', containerStatuses: [{ restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } }] }, 'CrashLoopBackOff', '0/1'],
    [{ phase: 'Failed', containerStatuses: [{ state: { terminated: { exitCode: 1, reason: 'Error' } } }] }, 'Error', '0/1'],
  ])('derives %j → %s', (status, expected, ready) => {
    expect(podColumns(pod(status))).toMatchObject({ status: expected, ready });
  });

  it('shows Init:0/1 while an init container runs and Init:<reason> when it is stuck', () => {
    const spec = { initContainers: [{ name: 'i' }], containers: [{ name: 'c' }] };
    expect(podColumns(pod({ phase: 'Pending', initContainerStatuses: [{ state: { running: {} } }] }, spec)).status).toBe('Init:0/1');
    expect(podColumns(pod({ phase: 'Pending', initContainerStatuses: [{ state: { waiting: { reason: 'ImagePullBackOff' } } }] }, spec)).status).toBe('Init:ImagePullBackOff');
  });
});

describe('tables and ages', () => {
  it('pads columns like text/tabwriter (min width 10, padding 3) and formats ShortHumanDuration', () => {
    expect(tabulate([['NAME', 'READY'], ['a-long-pod-name', '1/1']])).toBe('NAME              READY\na-long-pod-name   1/1\n');
    expect([59_000, 61_000, 3 * 3600_000, 2 * 86_400_000].map(shortDuration)).toEqual(['59s', '1m', '3h', '2d']);
  });
});

describe('pflag-style parsing', () => {
  const specs = [{ name: 'namespace', short: 'n', type: 'string' as const }, { name: 'wait', type: 'bool' as const }, { name: 'param', short: 'p', type: 'stringArray' as const, required: true }];
  it('accepts --a=b, --a b, -nX, -n X, bare bools and repeated arrays', () => {
    const p = parseFlags(['get', '-n3scale', '--wait=false', '-p', 'A=1', '--param=B=2', 'pods'], specs);
    expect(p.values).toEqual({ namespace: '3scale', wait: false, param: ['A=1', 'B=2'] });
    expect(p.args).toEqual(['get', 'pods']);
  });
  it('reports unknown flags and missing values with pflag texts, and missing required flags with cobra\'s', () => {
    expect(() => parseFlags(['--nope'], specs)).toThrow(new FlagError('unknown flag: --nope'));
    expect(() => parseFlags(['-x'], specs)).toThrow(new FlagError("unknown shorthand flag: 'x' in -x"));
    expect(() => parseFlags(['-n'], specs)).toThrow(new FlagError("flag needs an argument: 'n' in -n"));
    expect(missingRequired(parseFlags([], specs), specs)).toBe('required flag(s) "param" not set');
  });
});

describe('template expression generator', () => {
  it.each([['[a-z0-9]{8}'], ['[a-f0-9]{128}'], ['[a-zA-Z0-9]{16}']])('expands %s to a matching random value, fresh every time', (expr) => {
    const a = generateExpression(expr);
    expect(a).toMatch(new RegExp(`^${expr}$`));
    expect(generateExpression(expr)).not.toBe(a);
  });
});
