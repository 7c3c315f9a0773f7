/**
 * Live credentials, in Firefox with the bridge on, against the stand-in over
 * real TLS (tests/e2e/support/live-site.ts), reached through its proxy.
 *
 * live.mintToFetchRatio: "Check" from an extension page, timed in the page, (a new token minted
 * in the background with the client credentials grant, then the identity
 * URL read with it, each answer checked) against the same two requests as
 * bare fetches from the same page, in the same run: medians of runs. What
 * Tokenkeep adds to minting: messaging, building the grant, reading and
 * checking the answers, keeping the token.
 * live.cachedTokenMs: the whole `tokenkeep token NAME` with a standing answer
 * and the token in memory, from starting the process to its exit, against
 * `node -e 0` in the same run (live.cachedTokenToNodeStartRatio).
 */
import { ACME_HOST, liveAccounts, startLiveSite } from '../../tests/e2e/support/live-site';
import { firefoxProxyPrefs } from '../../tests/e2e/support/proxy';
import { allowForFirefox, CLI, firefoxConsentWindow, startFirefoxWithBridge, terminalHome } from '../lib/terminal';
import { runProcess } from '../lib/run';
import { median, round, timed, type Figure } from './report';

const RUNS = 30;
const COMMANDS = 10;
const MINT_BUDGET = 1.2;
const CACHED_BUDGET = 1.5;

/** A process's output, or an Error when it fails. */
async function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const { code, stdout, stderr } = await runProcess(file, args, { env });
  if (code !== 0) throw new Error(`bench: ${args.join(' ')} exited ${code}: ${stderr}`);
  return stdout;
}

export async function benchLive(): Promise<Figure[]> {
  const site = await startLiveSite();
  const home = await terminalHome();
  const env = { ...process.env, ...home.env };
  const { session, options } = await startFirefoxWithBridge(home, [liveAccounts.oauth as never], {
    prefs: firefoxProxyPrefs(site.proxy),
    acceptInsecureCerts: true,
  });
  try {
    // The first token: the consent window's Allow grants the org's host and stands for an hour.
    const consent = firefoxConsentWindow(session);
    const first = run(process.execPath, [CLI, 'token', 'Acme production'], env);
    await allowForFirefox(await consent, 60);
    const token = await first;
    if (!token) throw new Error('bench: no token');

    const send = (message: unknown) =>
      options.evaluate((m) => (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage(m), message as never) as Promise<{
        ok: boolean;
        data: unknown;
      }>;
    const { data } = await send({ type: 'accounts.list' });
    const id = (data as { accounts: Array<{ id: string; label: string }> }).accounts.find((a) => a.label === 'Acme production')!.id;
    const { clientId, clientSecret, myDomain } = liveAccounts.oauth.fields;

    const checks: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Timed in the page, as the bare fetches are: the automation's own round trip is in neither.
      const check = await options.evaluate(async (account) => {
        const start = performance.now();
        const reply = (await (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage({ type: 'live.check', id: account })) as {
          ok: boolean;
          data?: { check: { ok: boolean } };
        };
        return { ms: performance.now() - start, ok: reply.ok && !!reply.data?.check.ok };
      }, id);
      if (!check.ok) throw new Error('bench: a check failed');
      checks.push(check.ms);
      bare.push(
        await options.evaluate(
          async ({ tokenUrl, form }) => {
            const start = performance.now();
            const minted = (await (
              await fetch(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form })
            ).json()) as {
              access_token: string;
              id: string;
            };
            await (await fetch(minted.id, { headers: { authorization: `Bearer ${minted.access_token}` } })).json();
            return performance.now() - start;
          },
          {
            tokenUrl: `${myDomain}/services/oauth2/token`,
            form: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
          },
        ),
      );
    }
    // Each Check kept its new token: the one in memory now is what every cached run must print.
    const kept = await run(process.execPath, [CLI, 'token', 'Acme production'], env);
    const cached: number[] = [];
    const starts: number[] = [];
    for (let i = 0; i < COMMANDS; i++) {
      cached.push(
        await timed(async () => {
          if ((await run(process.execPath, [CLI, 'token', 'Acme production'], env)) !== kept) throw new Error('bench: the token was not the one in memory');
        }),
      );
      starts.push(await timed(() => run(process.execPath, ['-e', '0'], env)));
    }
    const mintRatio = median(checks) / median(bare);
    const cachedRatio = median(cached) / median(starts);
    if (!site.standin.seen.some((s) => s.host === ACME_HOST)) throw new Error('bench: the stand-in saw nothing');
    return [
      { key: 'live.mintMs', value: round(median(checks), 1), unit: 'ms' },
      { key: 'live.bareFetchMs', value: round(median(bare), 1), unit: 'ms' },
      { key: 'live.mintToFetchRatio', value: round(mintRatio, 2), unit: '×', target: `≤ ${MINT_BUDGET}`, pass: mintRatio <= MINT_BUDGET },
      { key: 'live.cachedTokenMs', value: round(median(cached), 1), unit: 'ms' },
      { key: 'live.nodeStartMs', value: round(median(starts), 1), unit: 'ms' },
      { key: 'live.cachedTokenToNodeStartRatio', value: round(cachedRatio, 2), unit: '×', target: `≤ ${CACHED_BUDGET}`, pass: cachedRatio <= CACHED_BUDGET },
    ];
  } finally {
    await session.close();
    await home.remove();
    await site.close();
  }
}
