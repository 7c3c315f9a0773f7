import { describe, expect, it } from 'vitest';
import { LIMITS, nextWriteAt, pruneWrites, quotaMessage, quotaProblem, usage } from '../../../utils/sync/budget';
import { fakeSyncArea } from './fake-sync';

describe('sync budget', () => {
  it('spaces a long run of changes so that storage.sync never refuses one for the write rate', async () => {
    const clock = { now: 0 };
    const area = fakeSyncArea(clock);
    let log: number[] = [];
    // 2,500 separate changes, one every 100 ms: more than an hour's allowance.
    for (let i = 0; i < 2500; i++) {
      clock.now = Math.max(clock.now + 100, nextWriteAt(log, clock.now + 100));
      await area.set({ [`a${i % 40}`]: `value ${i}` });
      log = pruneWrites([...log, clock.now], clock.now);
    }
    expect(area.writes).toHaveLength(2500);
    // The hour's allowance, not the minute's, is what held the writes back.
    expect(clock.now).toBeGreaterThan(60 * 60_000);
  });

  it('waits for the oldest write of a full minute to age out', () => {
    const writes = Array.from({ length: LIMITS.writesPerMinute }, (_, i) => 1_000 + i * 10);
    expect(nextWriteAt(writes, 5_000)).toBe(61_000);
    expect(nextWriteAt(writes.slice(1), 5_000)).toBe(5_000);
  });

  it('says before writing what storage.sync would refuse, in the same cases', async () => {
    const area = fakeSyncArea({ now: 0 });
    const stored = { h: 'x'.repeat(500) };
    await area.set(stored);
    const cases: Array<Record<string, unknown>> = [
      { big: 'x'.repeat(8_200) },
      Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`a${i}`, 'x'.repeat(8_000)])),
      Object.fromEntries(Array.from({ length: 512 }, (_, i) => [`a${i}`, 1])),
      { fits: 'x'.repeat(8_000) },
    ];
    for (const changes of cases) {
      const problem = quotaProblem(stored, changes);
      const refused = await area.set(changes).then(
        () => false,
        () => true,
      );
      expect(!!problem, JSON.stringify(problem)).toBe(refused);
      if (!refused) for (const key of Object.keys(changes)) area.items.delete(key);
    }
    expect(quotaProblem(stored, { h: null })).toBeUndefined();
  });

  it('explains a refusal with the account’s name, never its contents', () => {
    expect(quotaMessage({ kind: 'item', key: 'aX', bytes: 9_000 }, 'Acme JWT')).toContain('Acme JWT is too large to sync (8.8 KB');
    expect(quotaMessage({ kind: 'total', bytes: 110_000 })).toContain('stay on this browser');
    expect(usage({ h: 'abc', a1: [1, 2] })).toEqual({ bytes: 1 + 5 + 2 + 5, items: 2, fraction: 13 / LIMITS.totalBytes });
  });
});
