import { createHash } from 'node:crypto';

import type { ProfileState } from './model/types.js';

/** Next value of the state's seeded PRNG in [0, 1) (mulberry32), so every process derives identical names. */
export function nextRandom(state: Pick<ProfileState, 'rng'>): number {
  state.rng = (state.rng + 0x6d2b79f5) >>> 0;
  let t = state.rng;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** The alphabet Kubernetes uses for generated name suffixes (no vowels, no confusable digits). */
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A `generateName`-style suffix of `n` characters. */
export function randomSuffix(state: Pick<ProfileState, 'rng'>, n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += SUFFIX_ALPHABET[Math.floor(nextRandom(state) * SUFFIX_ALPHABET.length)];
  return s;
}

/** A version-4-shaped UID from the seeded PRNG. */
export function randomUid(state: Pick<ProfileState, 'rng'>): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(nextRandom(state) * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Hex digest helper for deterministic ids (image digests, fingerprints). */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A stable number in [0, 1) derived from a string (for per-object jitter that is the same in every process). */
export function hashUnit(text: string): number {
  return parseInt(sha256Hex(text).slice(0, 8), 16) / 4294967296;
}
