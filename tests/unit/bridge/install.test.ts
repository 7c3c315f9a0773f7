/** `tokenkeep install`: where each browser reads host manifests, and what they say. */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostManifest, install, uninstall } from '../../../bridge/install';
import { commandPath, launcherPath, manifestDir, scriptPath, socketPath, type Place } from '../../../bridge/paths';
import { BRIDGE_HOST, CHROME_ID, CHROME_KEY, GECKO_ID } from '../../../utils/common/identity';

/** Runs `test` with a new empty home folder, removed afterwards. */
async function inTempHome(test: (home: string) => Promise<void>): Promise<void> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'tk-install-'));
  try {
    await test(home);
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

const linux = (env: Record<string, string> = {}): Place => ({ env, home: '/home/ada', platform: 'linux', username: 'ada' });

describe('bridge install', () => {
  it('fixes the Chrome id with the manifest key: the id is the key’s SHA-256, in Chrome’s a–p letters', () => {
    const hex = createHash('sha256').update(Buffer.from(CHROME_KEY, 'base64')).digest('hex').slice(0, 32);
    expect([...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('')).toBe(CHROME_ID);
  });

  it('puts the socket in the user’s runtime folder, or else a folder of their home', () => {
    expect(socketPath(linux({ XDG_RUNTIME_DIR: '/run/user/1000' }))).toBe('/run/user/1000/tokenkeep/bridge.sock');
    expect(socketPath(linux())).toBe('/home/ada/.tokenkeep/bridge.sock');
    expect(socketPath({ ...linux(), platform: 'win32' })).toBe('\\\\.\\pipe\\tokenkeep-ada');
  });

  it('writes manifests where each browser reads them', () => {
    expect(manifestDir('chrome', linux())).toBe('/home/ada/.config/google-chrome/NativeMessagingHosts');
    expect(manifestDir('chromium', linux({ XDG_CONFIG_HOME: '/cfg' }))).toBe('/cfg/chromium/NativeMessagingHosts');
    expect(manifestDir('firefox', linux())).toBe('/home/ada/.mozilla/native-messaging-hosts');
    expect(manifestDir('chromium', linux(), '/tmp/profile')).toBe('/tmp/profile/NativeMessagingHosts');
    expect(manifestDir('firefox', { ...linux(), platform: 'darwin', home: '/Users/ada' })).toBe(
      '/Users/ada/Library/Application Support/Mozilla/NativeMessagingHosts',
    );
    expect(() => manifestDir('chrome', { ...linux(), platform: 'win32' })).toThrow(/does not know where chrome looks/);
  });

  it('names only Tokenkeep’s own extension in each manifest', () => {
    expect(hostManifest('chromium', '/l')).toEqual({
      name: BRIDGE_HOST,
      description: 'Tokenkeep terminal bridge',
      path: '/l',
      type: 'stdio',
      allowed_origins: [`chrome-extension://${CHROME_ID}/`],
    });
    expect(hostManifest('firefox', '/l')).toEqual({
      name: BRIDGE_HOST,
      description: 'Tokenkeep terminal bridge',
      path: '/l',
      type: 'stdio',
      allowed_extensions: [GECKO_ID],
    });
  });

  it('copies the saved tokenkeep.mjs to a folder of its own, with a launcher naming node and it, the manifests and the command; uninstall takes them away', () =>
    inTempHome(async (home) => {
      const place: Place = { env: {}, home, platform: 'linux', username: 'ada' };
      const saved = path.join(home, 'Down loads', "it's tokenkeep.mjs");
      await mkdir(path.dirname(saved));
      await writeFile(saved, '#!/usr/bin/env node\n// the bundle\n');
      const written = await install(['chromium', 'firefox'], place, { node: '/usr/bin/node', source: saved });
      const launcher = launcherPath(place);
      const script = scriptPath(place);
      const command = commandPath(place);
      expect(written).toEqual([
        script,
        launcher,
        command,
        path.join(home, '.config/chromium/NativeMessagingHosts', `${BRIDGE_HOST}.json`),
        path.join(home, '.mozilla/native-messaging-hosts', `${BRIDGE_HOST}.json`),
      ]);
      expect(script).toBe(path.join(home, '.local/share/tokenkeep/tokenkeep.mjs'));
      expect(command).toBe(path.join(home, '.local/bin/tokenkeep'));
      expect(await readFile(script, 'utf8')).toBe('#!/usr/bin/env node\n// the bundle\n');
      expect(await readFile(launcher, 'utf8')).toContain(`exec '/usr/bin/node' '${script}' host "$@"`);
      expect(await readFile(command, 'utf8')).toContain(`exec '/usr/bin/node' '${script}' "$@"`);
      for (const file of [launcher, command]) expect((await stat(file)).mode & 0o777).toBe(0o755);
      expect(JSON.parse(await readFile(written[4]!, 'utf8'))).toMatchObject({ path: launcher, allowed_extensions: [GECKO_ID] });
      // Installing again from the copy itself (tokenkeep install, as the command now runs) changes nothing.
      expect(await install(['firefox'], place, { node: '/usr/bin/node', source: script })).toContain(script);

      await uninstall(['chrome', 'chromium', 'firefox'], place);
      for (const file of written) await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    }));

  it('leaves a tokenkeep command it did not write as it is', () =>
    inTempHome(async (home) => {
      const place: Place = { env: { XDG_BIN_HOME: path.join(home, 'bin') }, home, platform: 'linux', username: 'ada' };
      await mkdir(path.join(home, 'bin'));
      await writeFile(path.join(home, 'bin/tokenkeep'), '#!/bin/sh\n# from npm\n');
      const saved = path.join(home, 'tokenkeep.mjs');
      await writeFile(saved, '// the bundle\n');
      expect(await install(['firefox'], place, { node: 'node', source: saved })).not.toContain(path.join(home, 'bin/tokenkeep'));
      expect(await readFile(path.join(home, 'bin/tokenkeep'), 'utf8')).toBe('#!/bin/sh\n# from npm\n');
      await uninstall(['chrome', 'chromium', 'firefox'], place);
      expect(await readFile(path.join(home, 'bin/tokenkeep'), 'utf8')).toBe('#!/bin/sh\n# from npm\n');
    }));

  it('refuses a system whose browsers it cannot serve before writing anything', () =>
    inTempHome(async (home) => {
      const place: Place = { env: { XDG_DATA_HOME: path.join(home, 'data') }, home, platform: 'win32', username: 'ada' };
      await expect(install(['firefox'], place, { node: 'node', source: 'tokenkeep.mjs' })).rejects.toThrow(
        /does not know where firefox looks for host manifests on win32/,
      );
      expect(await readdir(home)).toEqual([]);
    }));
});
