// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ARM_MS, guardBanner } from '../../../components/banner/guard';

afterEach(() => vi.useRealTimers());

describe('banner guard', () => {
  it('arms Save for the pointer only once the banner has been on screen for the arming delay', () => {
    vi.useFakeTimers();
    const host = document.createElement('tokenkeep-banner');
    document.body.append(host);
    const guard = guardBanner(host);
    expect(guard.armed.value).toBe(false);
    vi.advanceTimersByTime(ARM_MS - 1);
    expect(guard.armed.value).toBe(false);
    vi.advanceTimersByTime(1);
    expect(guard.armed.value).toBe(true);
    guard.stop();
  });

  it('never lets an event a script made act', () => {
    const host = document.createElement('tokenkeep-banner');
    document.body.append(host);
    const guard = guardBanner(host, 0);
    expect(guard.allows(new MouseEvent('click', { detail: 1, clientX: 1, clientY: 1 }))).toBe(false);
    expect(guard.allows(new KeyboardEvent('keydown', { key: 'Enter' }))).toBe(false);
    guard.stop();
  });
});
