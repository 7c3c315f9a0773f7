/**
 * The background's side of the bridge on WXT's fake browser, with a port the
 * test plays the host on. Chrome's running worker lacks connectNative after
 * the grant, which the fake lacks too until the test gives it one: the case
 * of a worker Chrome has started again.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBridge } from '../../../entrypoints/background/bridge';
import type { ConsentWindows } from '../../../entrypoints/background/consent';
import { BRIDGE_STATUS_KEY, BRIDGE_STATUS_TEXT, type BridgeStatus } from '../../../utils/bridge/status';
import { BRIDGE_HOST } from '../../../utils/common/identity';
import type { Account } from '../../../utils/vault/account';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the fake port holds the background's listeners, of every shape
type Listener = (...args: any[]) => void;
function fakePort() {
  const on = () => {
    const listeners: Listener[] = [];
    return { listeners, addListener: (l: Listener) => listeners.push(l) };
  };
  return {
    onMessage: on(),
    onDisconnect: on(),
    posted: [] as unknown[],
    disconnected: false,
    postMessage(m: unknown) {
      this.posted.push(m);
    },
    disconnect() {
      this.disconnected = true;
    },
    error: undefined as { message: string } | undefined,
  };
}

let granted: boolean;
let permissionRemoved: () => void;
let ports: Array<ReturnType<typeof fakePort> & { host: string }>;
const runtime = fakeBrowser.runtime as unknown as { connectNative?: (host: string) => unknown };

const ACCOUNT = {
  id: 'a1',
  kind: 'salesforce',
  label: 'Acme prod',
  fields: { username: 'integration@acme.com', password: 'pw-secret' },
  sites: [],
  history: [],
  createdAt: '',
  updatedAt: '',
} as unknown as Account;
const consent = { ask: async () => 'once' } as unknown as ConsentWindows;

const published = async () => (await fakeBrowser.storage.session.get(BRIDGE_STATUS_KEY))[BRIDGE_STATUS_KEY] as BridgeStatus | undefined;
// Everything here is in memory: a few turns of the event loop let every promise chain finish.
const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
};
/** Chrome starting the worker again: it has the API now. */
const freshWorker = () =>
  (runtime.connectNative = (host: string) => {
    const port = Object.assign(fakePort(), { host });
    ports.push(port);
    return port;
  });

beforeEach(() => {
  fakeBrowser.reset();
  Object.assign(fakeBrowser, {
    permissions: {
      contains: async () => granted,
      remove: async () => ((granted = false), true),
      onRemoved: { addListener: (l: () => void) => (permissionRemoved = l) },
    },
  });
  delete runtime.connectNative;
  granted = true;
  ports = [];
});

describe('bridge in the background', () => {
  it('waits for a worker with the API, with an alarm set, and then starts the host', async () => {
    await fakeBrowser.storage.local.set({ bridge: true });
    const bridge = startBridge({ accounts: async () => [ACCOUNT], consent });
    await settle();
    expect(await published()).toEqual({ state: 'pending' });
    expect(await fakeBrowser.alarms.get('tokenkeep-bridge')).toBeDefined();
    expect(await bridge.status()).toEqual({ state: 'pending' });

    freshWorker();
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'tokenkeep-bridge', scheduledTime: Date.now() });
    await settle();
    expect(ports.map((p) => p.host)).toEqual([BRIDGE_HOST]);
    expect(await published()).toEqual({ state: 'starting' });
    expect(await fakeBrowser.alarms.get('tokenkeep-bridge')).toBeUndefined();

    ports[0]!.onMessage.listeners.forEach((l) => l({ status: 'listening' }));
    await settle();
    expect(await published()).toEqual({ state: 'listening' });
  });

  it('answers a checked request on the port, and refuses a malformed one', async () => {
    freshWorker();
    await fakeBrowser.storage.local.set({ bridge: true });
    startBridge({ accounts: async () => [ACCOUNT], consent });
    await settle();
    const port = ports[0]!;
    port.onMessage.listeners.forEach((l) => l({ id: 7, request: { type: 'terminal.get', name: 'acme', field: 'password', command: ['tokenkeep'], cwd: '/' } }));
    port.onMessage.listeners.forEach((l) => l({ id: 8, request: { type: 'terminal.get', name: 'acme', field: 'pass word', command: [], cwd: '/' } }));
    await settle();
    expect(port.posted).toEqual([
      { id: 8, reply: { ok: false, error: { code: 'bad-request', message: expect.stringContaining('malformed request at "field"') } } },
      { id: 7, reply: { ok: true, data: { account: 'Acme prod', value: 'pw-secret', secret: true } } },
    ]);
  });

  it('says to run tokenkeep install when the browser finds no host', async () => {
    freshWorker();
    await fakeBrowser.storage.local.set({ bridge: true });
    startBridge({ accounts: async () => [], consent });
    await settle();
    const port = ports[0]!;
    port.error = { message: 'Specified native messaging host not found.' };
    port.onDisconnect.listeners.forEach((l) => l(port));
    await settle();
    expect(await published()).toEqual({ state: 'failed', message: BRIDGE_STATUS_TEXT.missing });
  });

  it('turned off, lets go of the host and of the permission', async () => {
    freshWorker();
    await fakeBrowser.storage.local.set({ bridge: true });
    const bridge = startBridge({ accounts: async () => [], consent });
    await settle();
    expect(await bridge.disable()).toEqual({ state: 'off' });
    expect(ports[0]!.disconnected).toBe(true);
    expect(granted).toBe(false);
    expect(await published()).toEqual({ state: 'off' });
    expect(await bridge.enable()).toEqual({ state: 'failed', message: BRIDGE_STATUS_TEXT.permission });
  });

  it('stops the host when the permission is taken back in the browser’s settings, and says how to turn it on again', async () => {
    freshWorker();
    await fakeBrowser.storage.local.set({ bridge: true });
    const bridge = startBridge({ accounts: async () => [], consent });
    await settle();
    granted = false;
    permissionRemoved();
    await settle();
    expect(ports[0]!.disconnected).toBe(true);
    expect(await published()).toEqual({ state: 'failed', message: BRIDGE_STATUS_TEXT.permission });
    expect(await bridge.status()).toEqual({ state: 'failed', message: BRIDGE_STATUS_TEXT.permission });
  });

  it('starts nothing while it is off', async () => {
    freshWorker();
    const bridge = startBridge({ accounts: async () => [], consent });
    await settle();
    expect(await bridge.status()).toEqual({ state: 'off' });
    expect(ports).toEqual([]);
  });
});
