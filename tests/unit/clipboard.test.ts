import { describe, expect, it } from 'vitest';
import { clipboardKeeper, digest, type ClipboardIo } from '../../utils/clipboard';

/** A clipboard the test can also write to, as another application would. */
function systemClipboard(): ClipboardIo & { value: string } {
  const c = {
    value: '',
    write: async (t: string) => void (c.value = t),
    async clearIfHolds(expected: string) {
      if ((await digest(c.value)) !== expected) return 'changed' as const;
      c.value = '';
      return 'cleared' as const;
    },
  };
  return c;
}

function setup() {
  const io = systemClipboard();
  const clock = { now: 1_000 };
  const scheduled: number[] = [];
  const keeper = clipboardKeeper({ io, now: () => clock.now, schedule: (at) => scheduled.push(at) });
  return { io, clock, scheduled, keeper };
}

describe('clipboard keeper', () => {
  it('writes, then clears after the delay when the clipboard still holds what it wrote', async () => {
    const { io, clock, scheduled, keeper } = setup();
    await keeper.copy('s3cretTOKEN', 30_000);
    expect(io.value).toBe('s3cretTOKEN');
    expect(scheduled).toEqual([31_000]);
    clock.now = 31_000;
    expect(await keeper.clearIfOurs()).toBe('cleared');
    expect(io.value).toBe('');
  });

  it('leaves alone whatever the user copied meanwhile', async () => {
    const { io, clock, keeper } = setup();
    await keeper.copy('s3cretTOKEN', 30_000);
    io.value = 'something the user copied';
    clock.now = 40_000;
    expect(await keeper.clearIfOurs()).toBe('changed');
    expect(io.value).toBe('something the user copied');
  });

  it('does not clear early, and a later copy replaces the pending clear', async () => {
    const { io, clock, keeper } = setup();
    await keeper.copy('first', 30_000);
    clock.now = 10_000;
    expect(await keeper.clearIfOurs()).toBe('nothing');
    await keeper.copy('second', 30_000);
    clock.now = 31_000;
    // The first copy's deadline has passed, but the pending clear is the second's.
    expect(await keeper.clearIfOurs()).toBe('nothing');
    clock.now = 40_000;
    expect(await keeper.clearIfOurs()).toBe('cleared');
    expect(io.value).toBe('');
  });

  it('never clears when the delay is "never"', async () => {
    const { io, clock, scheduled, keeper } = setup();
    await keeper.copy('keep me', null);
    clock.now = 10 ** 9;
    expect(await keeper.clearIfOurs()).toBe('nothing');
    expect([io.value, scheduled]).toEqual(['keep me', []]);
  });
});

describe('clipboard keeper, when the vault locks', () => {
  it('clears at once what it copied, before the delay is up', async () => {
    const { io, keeper } = setup();
    await keeper.copy('s3cretTOKEN', 30_000);
    expect(await keeper.clearIfOurs({ early: true })).toBe('cleared');
    expect(io.value).toBe('');
  });

  it('still leaves alone what the user copied since', async () => {
    const { io, keeper } = setup();
    await keeper.copy('s3cretTOKEN', 30_000);
    io.value = 'mine';
    expect(await keeper.clearIfOurs({ early: true })).toBe('changed');
    expect(io.value).toBe('mine');
  });
});
