/**
 * storage.sync as Chrome enforces it: the byte and item quotas, and the
 * write rates, refused with Chrome's own messages. For unit tests; the e2e
 * tests use the browsers' real storage.sync.
 */
const MINUTE = 60_000;

export function fakeSyncArea(clock: { now: number }) {
  const items = new Map<string, string>();
  const writes: number[] = [];
  const size = (key: string, value: unknown) => Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(value));
  function countWrite() {
    const recent = (span: number) => writes.filter((t) => t > clock.now - span).length;
    if (recent(MINUTE) >= 120) throw new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.');
    if (recent(60 * MINUTE) >= 1800) throw new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_HOUR quota.');
    writes.push(clock.now);
  }
  return {
    items,
    writes,
    async get(): Promise<Record<string, unknown>> {
      return Object.fromEntries([...items].map(([k, v]) => [k, JSON.parse(v)]));
    },
    async set(values: Record<string, unknown>) {
      countWrite();
      const after = new Map(items);
      for (const [key, value] of Object.entries(values)) {
        if (size(key, value) > 8192) throw new Error('This request exceeds the QUOTA_BYTES_PER_ITEM quota.');
        after.set(key, JSON.stringify(value));
      }
      if (after.size > 512) throw new Error('This request exceeds the MAX_ITEMS quota.');
      if ([...after].reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0) > 102_400)
        throw new Error('This request exceeds the QUOTA_BYTES quota.');
      for (const [k, v] of after) items.set(k, v);
    },
    async remove(keys: string[]) {
      countWrite();
      for (const key of keys) items.delete(key);
    },
  };
}
