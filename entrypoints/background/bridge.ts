import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { createTerminalAnswerer, type AnswererDeps } from '../../utils/bridge/answer';
import { BRIDGE_STATUS_KEY, BRIDGE_STATUS_TEXT, type BridgeStatus } from '../../utils/bridge/status';
import { HostMessageSchema, HostStatusSchema, parseTerminalRequest } from '../../utils/bridge/protocol';
import { BRIDGE_HOST } from '../../utils/common/identity';
import type { Account } from '../../utils/vault/account';
import type { ConsentWindows } from './consent';

const KEY = 'bridge';
const ALARM = 'tokenkeep-bridge';
const PERMISSION = { permissions: ['nativeMessaging'] } as { permissions: ['nativeMessaging'] };

type Port = ReturnType<typeof browser.runtime.connectNative>;

/**
 * The terminal bridge: while it is on, the browser runs the native host,
 * which relays the `tokenkeep` CLI's requests here. Each is checked again on
 * arrival and answered by the terminal answerer, which asks the user first.
 *
 * Chrome grants nativeMessaging at once, but gives the API only to a service
 * worker that starts after the grant. So the bridge waits ("pending") with an
 * alarm set: once the worker has been idle long enough for Chrome to stop it,
 * the alarm starts a fresh one, which connects. Reloading the extension
 * instead would lock the vault. The status goes to storage.session, where the
 * options page watches it without messages that would keep the worker awake.
 */
export function startBridge({
  accounts,
  consent,
  live,
  imports,
}: {
  accounts: () => Promise<Account[] | undefined>;
  consent: ConsentWindows;
  live?: AnswererDeps['live'];
  imports?: AnswererDeps['imports'];
}) {
  const answerer = createTerminalAnswerer({ accounts, ask: (q) => consent.ask(q), now: Date.now, ...(live ? { live } : {}), ...(imports ? { imports } : {}) });
  let port: Port | undefined;
  let status: BridgeStatus = { state: 'off' };

  const wanted = async () => (await browser.storage.local.get(KEY))[KEY] === true;
  const permitted = () => browser.permissions.contains(PERMISSION).catch(() => false);
  const canConnect = () => typeof browser.runtime.connectNative === 'function';

  function publish(next: BridgeStatus) {
    status = next;
    void browser.storage.session.set({ [BRIDGE_STATUS_KEY]: next }).catch(() => undefined);
    if (next.state === 'pending') void browser.alarms.create(ALARM, { delayInMinutes: 0.5, periodInMinutes: 0.5 });
    else void browser.alarms.clear(ALARM);
  }

  function connect() {
    if (port) return;
    if (!canConnect()) return publish({ state: 'pending' });
    publish({ state: 'starting' });
    const opened = browser.runtime.connectNative(BRIDGE_HOST);
    port = opened;
    opened.onMessage.addListener((raw: unknown) => {
      const state = v.safeParse(HostStatusSchema, raw);
      if (state.success) {
        const { status: reported, message } = state.output;
        publish(reported === 'failed' ? { state: 'failed', message: `The bridge cannot listen: ${message ?? 'unknown error'}.` } : { state: reported });
        return;
      }
      const message = v.safeParse(HostMessageSchema, raw);
      if (!message.success) return;
      const { id } = message.output;
      const parsed = parseTerminalRequest(message.output.request);
      const reply = parsed.ok ? answerer.answer(parsed.request) : Promise.resolve(parsed);
      void reply.then((r) => port === opened && opened.postMessage({ id, reply: r }));
    });
    opened.onDisconnect.addListener((p: Port & { error?: { message?: string } }) => {
      const reason = p.error?.message ?? browser.runtime.lastError?.message ?? '';
      if (port !== opened) return;
      port = undefined;
      answerer.forget();
      // Chrome: "Specified native messaging host not found."; Firefox: "No such native application".
      const missing = /not found|no such native application/i.test(reason);
      publish({ state: 'failed', message: missing ? BRIDGE_STATUS_TEXT.missing : `The bridge stopped${reason ? `: ${reason}` : ''}.` });
    });
  }

  function closePort() {
    const open = port;
    port = undefined;
    open?.disconnect();
    answerer.forget();
  }

  /** What the bridge should be: running, or off (or kept off by a permission the user has taken back), and why. */
  async function wish(): Promise<'run' | BridgeStatus> {
    if (!(await wanted())) return { state: 'off' };
    if (!(await permitted())) return { state: 'failed', message: BRIDGE_STATUS_TEXT.permission };
    return 'run';
  }

  async function follow() {
    const next = await wish();
    if (next === 'run') return connect();
    closePort();
    if (JSON.stringify(next) !== JSON.stringify(status)) publish(next);
    else void browser.alarms.clear(ALARM);
  }

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void follow();
  });
  // The permission taken back in the browser's own settings stops the host at once.
  browser.permissions.onRemoved.addListener(() => void follow());
  void follow();

  return {
    /** Where the bridge is; asking while it should run and does not starts it again (after `tokenkeep install`, say). */
    async status(): Promise<BridgeStatus> {
      const next = await wish();
      if (next !== 'run') return next;
      if (!port) connect();
      return status;
    },
    async enable(): Promise<BridgeStatus> {
      if (!(await permitted())) return { state: 'failed', message: BRIDGE_STATUS_TEXT.permission };
      await browser.storage.local.set({ [KEY]: true });
      // Turning it on again starts the host afresh (after tokenkeep install, say).
      closePort();
      connect();
      return status;
    },
    async disable(): Promise<BridgeStatus> {
      await browser.storage.local.set({ [KEY]: false });
      closePort();
      publish({ state: 'off' });
      // The permission goes too: nothing can start the host until the user turns this on again.
      await browser.permissions.remove(PERMISSION).catch(() => false);
      return status;
    },
    /** Locking ends every "allow for N minutes". */
    locked: () => answerer.forget(),
  };
}

export type Bridge = ReturnType<typeof startBridge>;
