import { describe, expect, it } from 'vitest';
import { planSetup, type SetupFacts } from '../../../scripts/lib/system-setup';

const ALL = ['chromium', 'firefox', 'xvfb', 'xdotool'] as const;

function facts(over: Partial<SetupFacts> & { present?: string[]; offered?: string[] } = {}): SetupFacts {
  const present = new Set(over.present ?? []);
  const offered = over.offered;
  return {
    env: {},
    exists: (p) => present.has(p),
    hasApt: true,
    privilege: 'root',
    aptOffers: (pkg) => (offered ? offered.includes(pkg) : undefined),
    ...over,
  };
}

describe('planSetup', () => {
  it('does nothing when every program is there', () => {
    expect(planSetup([...ALL], facts({ present: ['/usr/bin/chromium', '/usr/bin/firefox-esr', '/usr/bin/Xvfb', '/usr/bin/xdotool'] }))).toEqual({
      action: 'none',
    });
  });

  it('installs what is missing as root, with Debian package names', () => {
    expect(planSetup([...ALL], facts({ present: ['/usr/bin/Xvfb'] }))).toEqual({
      action: 'install',
      missing: ['chromium', 'firefox', 'xdotool'],
      packages: ['chromium', 'firefox-esr', 'xdotool'],
      sudo: false,
    });
  });

  it('uses the names the distribution offers (Ubuntu has chromium-browser and firefox)', () => {
    const plan = planSetup(['chromium', 'firefox'], facts({ offered: ['chromium-browser', 'firefox', 'xvfb'] }));
    expect(plan).toMatchObject({ action: 'install', packages: ['chromium-browser', 'firefox'] });
  });

  it('goes through sudo -n when that works without a password', () => {
    expect(planSetup(['chromium'], facts({ privilege: 'sudo' }))).toMatchObject({ action: 'install', sudo: true });
  });

  it('without root or passwordless sudo, stops with the one command that would install them, and why', () => {
    const plan = planSetup([...ALL], facts({ privilege: 'none' }));
    expect(plan.action).toBe('refuse');
    const message = (plan as { message: string }).message;
    expect(message).toContain('sudo apt-get install -y chromium firefox-esr xvfb xdotool');
    expect(message).toMatch(/Xvfb \(a virtual screen\): the keyboard-shortcut tests/);
  });

  it('without apt-get, names what is missing and the variables that point to it', () => {
    const plan = planSetup(['chromium'], facts({ hasApt: false }));
    expect(plan).toMatchObject({ action: 'refuse' });
    expect((plan as { message: string }).message).toContain('set CHROMIUM_PATH');
  });

  it('honours CHROMIUM_PATH and FIREFOX_PATH: a program there needs nothing, a wrong path is an error, never an install', () => {
    expect(planSetup(['chromium'], facts({ env: { CHROMIUM_PATH: '/opt/c/chrome' }, present: ['/opt/c/chrome'] }))).toEqual({ action: 'none' });
    expect(planSetup(['firefox'], facts({ env: { FIREFOX_PATH: '/opt/ff' } }))).toEqual({ action: 'refuse', message: 'FIREFOX_PATH=/opt/ff does not exist.' });
  });
});
