// Kubernetes resource quantities (`600Mi`, `1Gi`, `150m`, `0.5`) and minishift sizes (`6GB`, `6144MB`).

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { '': 1, m: 1e-3, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const QUANTITY = /^([+-]?\d+(?:\.\d+)?|[+-]?\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|K|M|G|T|P|E|[eE][+-]?\d+)?$/;

/** The value of a Kubernetes quantity in base units (bytes, cores), or undefined when it is not one. */
export function parseQuantity(text: string | number | undefined): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) ? text : undefined;
  if (typeof text !== 'string') return undefined;
  const m = QUANTITY.exec(text.trim());
  if (!m) return undefined;
  const value = Number(m[1]);
  const suffix = m[2] ?? '';
  if (/^[eE]/.test(suffix)) return value * 10 ** Number(suffix.slice(1));
  return value * (BINARY[suffix] ?? DECIMAL[suffix]);
}

/** A memory quantity in MiB. */
export function memoryMiB(text: string | number | undefined): number | undefined {
  const bytes = parseQuantity(text);
  return bytes === undefined ? undefined : bytes / 2 ** 20;
}

/** A CPU quantity in millicores. */
export function cpuMillis(text: string | number | undefined): number | undefined {
  const cores = parseQuantity(text);
  return cores === undefined ? undefined : Math.round(cores * 1000);
}

/** A minishift `--memory` value in MiB: `6GB` → 6144, `6144MB` → 6144 (minishift counts GB as 1024 MB). */
export function minishiftMiB(size: string): number | undefined {
  const m = /^(\d+)(MB|GB)$/.exec(size.trim());
  if (!m) return undefined;
  return Number(m[1]) * (m[2] === 'GB' ? 1024 : 1);
}

/** `6656` MiB → `6.5 GiB`; whole GiB without decimals. */
export function formatMiB(mib: number): string {
  const gib = mib / 1024;
  return `${Number.isInteger(gib) ? gib : gib.toFixed(1)} GiB`;
}

/** `3350` millicores → `3.35`. */
export function formatCpu(millis: number): string {
  return String(Math.round(millis) / 1000);
}
