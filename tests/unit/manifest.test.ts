import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';
import { CHROME_KEY } from '../../utils/common/identity';

type Manifest = {
  permissions: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  key?: string;
  host_permissions?: string[];
  commands: Record<string, { suggested_key: { default: string } }>;
};
const manifest = (browser: string) => (config.manifest as (env: { browser: string }) => Manifest)({ browser });

// Chrome's own Alt+Shift accelerators (accelerator_table.cc; Chromium 156 also refuses P and C as suggested keys), and
// the Firefox Ctrl+Shift ones that extensions most often collide with. The e2e tests read what each browser assigned.
const BROWSER_DEFAULTS = [
  'Alt+Shift+I',
  'Alt+Shift+T',
  'Alt+Shift+B',
  'Alt+Shift+A',
  'Alt+Shift+P',
  'Alt+Shift+C',
  'Ctrl+Shift+Y',
  'Ctrl+Shift+B',
  'Ctrl+Shift+K',
  'Ctrl+Shift+L',
];

describe('manifest', () => {
  it.each(['chrome', 'firefox'])('%s: keyboard shortcuts stay clear of the browser defaults', (browser) => {
    const keys = Object.values(manifest(browser).commands).map((c) => c.suggested_key.default);
    expect(keys).toEqual(['Alt+Shift+K', 'Alt+Shift+Y', 'Alt+Shift+L']);
    for (const key of keys) expect(BROWSER_DEFAULTS).not.toContain(key);
  });

  it('asks for no host permissions, and offscreen only where it exists', () => {
    for (const browser of ['chrome', 'firefox']) expect(manifest(browser).host_permissions).toBeUndefined();
    expect(manifest('chrome').permissions).toContain('offscreen');
    expect(manifest('firefox').permissions).not.toContain('offscreen');
  });

  it('asks for native messaging only when the terminal bridge is turned on, and fixes the Chrome id the host manifest names', () => {
    for (const browser of ['chrome', 'firefox']) {
      expect(manifest(browser).permissions).not.toContain('nativeMessaging');
      expect(manifest(browser).optional_permissions).toEqual(['nativeMessaging']);
    }
    expect(manifest('chrome').key).toBe(CHROME_KEY);
    expect(manifest('firefox').key).toBeUndefined();
  });

  it('"Log in" asks for each login page\'s host in the click (optional), and colours its tab with tab groups, which prompt for nothing', () => {
    for (const browser of ['chrome', 'firefox']) {
      expect(manifest(browser).optional_host_permissions).toEqual(['https://*/*']);
      expect(manifest(browser).permissions).toContain('tabGroups');
    }
  });

  it('leaves the key out of the Web Store zip, which refuses one', () => {
    process.env.TOKENKEEP_STORE_ZIP = '1';
    try {
      expect(manifest('chrome').key).toBeUndefined();
    } finally {
      delete process.env.TOKENKEEP_STORE_ZIP;
    }
  });
});
