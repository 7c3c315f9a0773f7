/**
 * What `storage.sync` allows, and how writes stay within it. Chrome and
 * Firefox share the byte quotas; Chrome also limits how often the extension
 * writes. Every `set` or `remove` counts as one write however many items it
 * carries, so pending items go out together, at most as often as the budget
 * allows. Pure: the engine keeps the log of its writes and asks here.
 */
import { quotaBytes } from './items';

export const LIMITS = {
  totalBytes: 102_400,
  itemBytes: 8_192,
  items: 512,
  writesPerMinute: 120,
  writesPerHour: 1_800,
} as const;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Quiet time after a change before it is written: a burst of edits (an import) becomes one write. */
export const DEBOUNCE_MS = 2_000;

/**
 * When the next write may go, given the times of the writes already made
 * (oldest first): now, or the moment the oldest write of a full window ages out.
 */
export function nextWriteAt(writes: readonly number[], now: number, limits = LIMITS): number {
  let at = now;
  for (const [span, limit] of [
    [MINUTE, limits.writesPerMinute],
    [HOUR, limits.writesPerHour],
  ] as const) {
    const recent = writes.filter((t) => t > now - span);
    if (recent.length >= limit) at = Math.max(at, recent[recent.length - limit]! + span);
  }
  return at;
}

/** Write times still inside the longest window: the log need hold no more. */
export const pruneWrites = (writes: readonly number[], now: number) => writes.filter((t) => t > now - HOUR);

export type QuotaProblem = { kind: 'item'; key: string; bytes: number } | { kind: 'total'; bytes: number } | { kind: 'count'; items: number };

/**
 * Whether `changes` (key → new value, or null to remove) fit beside what is
 * already stored (key → value). Returns the first reason they do not, or
 * undefined. Checked before writing, so that a refusal is ours to explain.
 */
export function quotaProblem(stored: Readonly<Record<string, unknown>>, changes: Readonly<Record<string, unknown>>, limits = LIMITS): QuotaProblem | undefined {
  const after: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete after[key];
    else after[key] = value;
  }
  let total = 0;
  for (const [key, value] of Object.entries(after)) {
    const bytes = quotaBytes(key, value);
    if (key in changes && bytes > limits.itemBytes) return { kind: 'item', key, bytes };
    total += bytes;
  }
  if (total > limits.totalBytes) return { kind: 'total', bytes: total };
  const items = Object.keys(after).length;
  if (items > limits.items) return { kind: 'count', items };
  return undefined;
}

/** The words for a quota problem, with the account's name where there is one. */
export function quotaMessage(problem: QuotaProblem, label?: string): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  switch (problem.kind) {
    case 'item':
      return `${label ?? 'An account'} is too large to sync (${kb(problem.bytes)}; each item may hold ${kb(LIMITS.itemBytes)}). It stays on this browser. Untick its large secrets for sync to send the rest.`;
    case 'total':
      return `Browser sync is full: these accounts need ${kb(problem.bytes)} of the ${kb(LIMITS.totalBytes)} it allows. The changes stay on this browser, and sync tries again when there is room.`;
    case 'count':
      return `Browser sync holds at most ${LIMITS.items} items; these accounts need ${problem.items}. The changes stay on this browser.`;
  }
}

/** How full sync storage is, for the meter in options. */
export function usage(stored: Readonly<Record<string, unknown>>): { bytes: number; items: number; fraction: number } {
  const bytes = Object.entries(stored).reduce((sum, [key, value]) => sum + quotaBytes(key, value), 0);
  return { bytes, items: Object.keys(stored).length, fraction: bytes / LIMITS.totalBytes };
}
