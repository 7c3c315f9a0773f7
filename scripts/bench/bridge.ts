/**
 * bridge.roundTripMs: from the CLI's request on the host's socket to the
 * answer it reads back, once the user has allowed the account for an hour
 * (a standing answer: no window), median of runs. The request crosses the
 * real host and native messaging into Firefox's background and back; the
 * client is the CLI's own (bridge/client.ts).
 * bridge.messageBaselineMs: one protocol request from an extension page to
 * the background and back (runtime.sendMessage), timed in the page, in the
 * same run: what any Tokenkeep request costs inside the browser.
 * bridge.commandMs: the whole `tokenkeep get NAME token`, from starting the
 * process to its exit; bridge.nodeStartMs: `node -e 0` in the same run, most
 * of what that costs.
 * Firefox, because it can grant an optional permission without its prompt.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ask } from '../../bridge/client';
import { inputFromFlat } from '../../utils/vault/flat';
import { allowForFirefox, CLI, firefoxConsentWindow, startFirefoxWithBridge, terminalHome } from '../lib/terminal';
import { median, round, timed, type Figure } from './report';
import salesforceKind from '../../utils/kinds/salesforce.kind';

const RUNS = 30;
const COMMANDS = 10;
const BUDGET_MS = 150;

const exited = (file: string, args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<number>((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(code) : reject(new Error(`${path.basename(args[0] ?? file)} exited ${code}`))));
  });

export async function benchBridge(): Promise<Figure[]> {
  const home = await terminalHome();
  const env = { ...process.env, ...home.env };
  const account = inputFromFlat({
    kind: salesforceKind.name,
    label: 'Bench org',
    username: 'bench@acme.com',
    password: 'Bench-pw-1',
    token: 'PVmuqFRxEP0LG40WUka5vPJjG',
    environment: 'production',
  });
  const { session, options } = await startFirefoxWithBridge(home, [account]);
  try {
    const request = { type: 'terminal.get' as const, name: 'Bench org', field: 'token', command: ['tokenkeep', 'get', 'Bench org', 'token'], cwd: home.cwd };
    // The first request opens the consent window: allowed for an hour, the rest are not asked.
    const consent = firefoxConsentWindow(session);
    const first = ask(home.socket, request);
    await allowForFirefox(await consent, 60);
    if (!(await first).ok) throw new Error('bench: the first terminal request was refused');

    const trips: number[] = [];
    const baseline: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      trips.push(
        await timed(async () => {
          if (!(await ask(home.socket, request)).ok) throw new Error('bench: a terminal request was refused');
        }),
      );
      baseline.push(
        await options.evaluate(async () => {
          const start = performance.now();
          await (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage({ type: 'vault.status' });
          return performance.now() - start;
        }),
      );
    }
    const commands: number[] = [];
    const starts: number[] = [];
    for (let run = 0; run < COMMANDS; run++) {
      commands.push(await timed(() => exited(process.execPath, [CLI, 'get', 'Bench org', 'token'], env)));
      starts.push(await timed(() => exited(process.execPath, ['-e', '0'], env)));
    }
    const roundTrip = median(trips);
    const message = median(baseline);
    return [
      { key: 'bridge.roundTripMs', value: round(roundTrip, 1), unit: 'ms', target: `≤ ${BUDGET_MS}`, pass: roundTrip <= BUDGET_MS },
      { key: 'bridge.messageBaselineMs', value: round(message, 2), unit: 'ms' },
      { key: 'bridge.roundTripToBaselineRatio', value: round(roundTrip / message, 1), unit: '×' },
      { key: 'bridge.commandMs', value: round(median(commands), 1), unit: 'ms' },
      { key: 'bridge.nodeStartMs', value: round(median(starts), 1), unit: 'ms' },
    ];
  } finally {
    await session.close();
    await home.remove();
  }
}
