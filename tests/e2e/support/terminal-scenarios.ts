/**
 * The terminal tests both browsers run the same way, each through a driver
 * of its own automation (Playwright in Chromium, puppeteer over BiDi in
 * Firefox): the consent window found, read and answered as a user does.
 */
import { expect, it } from 'vitest';
import { MASK } from '../../../utils/bridge/mask';
import { E2E_PASSPHRASE } from '../../../scripts/lib/flows';
import { curlHome } from '../../unit/clients/route';
import { salesforceAccount, TOKEN } from './accounts';
import { ACME_HOST, CONSUMER_SECRET, liveAccounts, REFRESH_TOKEN, type LiveSite } from './live-site';
import { CHECKSUM_CHILD, checksumOf, ENV_TEXT, fakeSfOrgs, PASSWORD, secretsWritten, tokenkeep, type CliRun, type TerminalHome } from './terminal';

export interface ConsentWindow {
  /** What the window says, as a person reads it. */
  text(): Promise<string>;
  /** Clicks an answer once it can be clicked (Allow is inert for a moment); resolves once the window has closed with it. */
  answer(name: 'Allow once' | 'Allow this account for' | 'Deny' | 'Close' | 'Add to Tokenkeep'): Promise<void>;
  chooseMinutes(minutes: 5 | 15 | 60): Promise<void>;
  /** Picks one of the accounts a name matched. */
  pick(account: string): Promise<void>;
  /** Closes the window without an answer; resolves once it is gone. */
  close(): Promise<void>;
  /** Allow once, answering the browser's question about the hosts an access token is made at (asked in that click). */
  allowWithHosts(): Promise<void>;
}

export interface TerminalDriver {
  home: TerminalHome;
  request(message: unknown): Promise<any>;
  /** Starts the CLI (with `env` added to its environment) and resolves once the consent window it opens shows its question. */
  asked(args: string[], env?: Record<string, string>): Promise<{ run: Promise<CliRun>; consent: ConsentWindow }>;
  /** Salesforce's OAuth and org endpoints, which the browser reaches through a proxy. */
  live: LiveSite;
}

/** Registers the shared tests; the vault is locked by the last one. */
export function terminalScenarios(driver: () => TerminalDriver) {
  it('terminal: tokenkeep env gets the values once Allow is clicked in the consent window, which names the account, the fields and the command', async () => {
    const { home, asked } = driver();
    const { run, consent } = await asked(['env', 'acme prod']);
    const text = await consent.text();
    expect(text).toContain('A terminal asks for Acme prod');
    expect(text).toContain('security token (SF_SECURITY_TOKEN)');
    expect(text).toContain("tokenkeep env 'acme prod'");
    expect(text).toContain(`in ${home.shownCwd}`);
    await consent.answer('Allow once');
    expect(await run).toEqual({ code: 0, stdout: ENV_TEXT, stderr: '' });
  });

  it('terminal: Deny, or closing the window, gives a non-zero exit and nothing on stdout', async () => {
    const { asked } = driver();
    const denied = await asked(['get', 'Acme prod', 'password']);
    await denied.consent.answer('Deny');
    expect(await denied.run).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('Denied in the browser') });

    const closed = await asked(['get', 'Acme prod', 'password']);
    await closed.consent.close();
    expect(await closed.run).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('closed without an answer') });
  });

  it('terminal: a second CLI asking while the first waits is told to answer that one first, and the first still gets its answer', async () => {
    const { home, asked } = driver();
    const first = await asked(['get', 'Acme prod', 'token']);
    expect(await tokenkeep(home, ['get', 'Acme prod', 'password'])).toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringContaining('answer that one first'),
    });
    await first.consent.answer('Allow once');
    expect(await first.run).toMatchObject({ code: 0, stdout: TOKEN });
  });

  it('terminal: an unknown name is shown in a window and told to the terminal only once it is closed; a name matching two accounts is settled in the window', async () => {
    const { request, asked } = driver();
    await request({
      type: 'account.save',
      account: salesforceAccount({ label: 'Acme sandbox', username: 'integration@acme.com.uat', environment: 'sandbox', password: 'Sandbox-pw-2' }),
    });
    const unknown = await asked(['env', 'globex']);
    expect(await unknown.consent.text()).toContain('No account is named "globex".');
    await unknown.consent.answer('Close');
    expect(await unknown.run).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('No account is named "globex"') });

    const ambiguous = await asked(['get', 'acme', 'password']);
    const text = await ambiguous.consent.text();
    expect(text).toContain('A terminal asks for one of 2 accounts');
    expect(text).toContain('Acme sandbox');
    await ambiguous.consent.pick('Acme sandbox');
    await ambiguous.consent.answer('Allow once');
    expect(await ambiguous.run).toMatchObject({ code: 0, stdout: 'Sandbox-pw-2' });
  });

  it('terminal: tokenkeep run passes the env to a child that prints a checksum of it, masks the secret it prints, and passes its exit code; allowed for 15 minutes, the same request is not asked, and nothing the window did not list leaves without a window', async () => {
    const { home, asked } = driver();
    const { run, consent } = await asked(['run', 'Acme prod', '--', ...CHECKSUM_CHILD]);
    expect(await consent.text()).toContain('run a command with these in its environment');
    await consent.chooseMinutes(15);
    await consent.answer('Allow this account for');
    expect(await run).toEqual({ code: 3, stdout: `checksum ${checksumOf()}\npassword ${MASK}\n`, stderr: '' });
    // No window to answer: the standing answer lets the same request through.
    expect(await tokenkeep(home, ['run', 'Acme prod', '--', ...CHECKSUM_CHILD])).toMatchObject({ code: 3 });
    // A value the window did not list is asked for, standing answer or not.
    const unlisted = await asked(['get', 'Acme prod', 'password+token']);
    expect(await unlisted.consent.text()).toContain('password + token');
    await unlisted.consent.answer('Deny');
    expect(await unlisted.run).toMatchObject({ code: 1, stdout: '' });
  });

  it('terminal live: tokenkeep run gives a child SF_TARGET_ORG and SF_ORG_INSTANCE_URL that the org takes on /services/data, and no consumer secret or refresh token', async () => {
    const { asked, request, live } = driver();
    await request({ type: 'account.save', account: liveAccounts.sfdx });
    const curl = curlHome(live.standin);
    try {
      // The child asks the org's REST API with what it was given, as sf and jsforce would, then shows its environment.
      const child = ['bash', '-c', 'curl -sS -H "Authorization: Bearer $SF_TARGET_ORG" "$SF_ORG_INSTANCE_URL/services/data/v65.0/" && echo && env'];
      const { run, consent } = await asked(['run', 'Acme scratch', '--', ...child], curl.env as Record<string, string>);
      const text = await consent.text();
      expect(text).toContain('an access token for Acme scratch (about 2 hours)');
      expect(text).toContain(`Tokenkeep makes it at ${ACME_HOST}`);
      await consent.allowWithHosts();
      const { code, stdout, stderr } = await run;
      expect(code, stderr).toBe(0);
      const [answer, ...environment] = stdout.split('\n');
      expect(JSON.parse(answer!)).toMatchObject({ organization_id: live.orgId, username: live.username });
      expect(environment).toEqual(expect.arrayContaining([`SF_TARGET_ORG=${MASK}`, `SF_ACCESS_TOKEN=${MASK}`, `SF_ORG_INSTANCE_URL=https://${ACME_HOST}`]));
      for (const secret of [CONSUMER_SECRET, REFRESH_TOKEN]) expect(stdout).not.toContain(secret);
    } finally {
      curl.remove();
    }
  });

  it('terminal live: a token stays in memory for the next tokenkeep token until the vault locks; then it needs the vault unlocked again', async () => {
    const { home, asked, request, live } = driver();
    const mints = () => live.standin.seen.filter((s) => s.path === '/services/oauth2/token').length;
    const first = await asked(['token', 'Acme scratch']);
    await first.consent.chooseMinutes(5);
    await first.consent.answer('Allow this account for');
    const token = (await first.run).stdout;
    expect(token).toMatch(/^00D5e000000AcmePRD!/);
    const minted = mints();
    // Allowed for 5 minutes: no window, and the same token, from memory.
    expect(await tokenkeep(home, ['token', 'Acme scratch'])).toEqual({ code: 0, stdout: token, stderr: '' });
    expect(mints()).toBe(minted);
    await request({ type: 'vault.lock' });
    expect(await tokenkeep(home, ['token', 'Acme scratch'])).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('Tokenkeep is locked') });
    await request({ type: 'vault.unlock', passphrase: E2E_PASSPHRASE });
    // The lock ended the standing answer and dropped the token: asked again, and a new one is minted.
    const again = await asked(['token', 'Acme scratch']);
    await again.consent.answer('Allow once');
    const next = (await again.run).stdout;
    expect(next).toMatch(/^00D5e000000AcmePRD!/);
    expect(next).not.toBe(token);
    expect(mints()).toBe(minted + 1);
  });

  it('terminal: tokenkeep import sf shows every org in one window with what adding it does; Add to Tokenkeep adds them, and the auth URLs never reach the terminal', async () => {
    const { home, asked, request } = driver();
    const { sf } = await fakeSfOrgs(home.root);
    const { run, consent } = await asked(['import', 'sf', '--all'], { TOKENKEEP_SF: sf });
    const text = await consent.text();
    expect(text).toContain('A terminal offers 2 orgs from the sf CLI');
    expect(text).toContain('dev: New account');
    expect(text).toContain('ci@acme.com: New account');
    await consent.answer('Add to Tokenkeep');
    expect(await run).toEqual({ code: 0, stdout: 'Added 2, updated 0, 0 already in Tokenkeep.\n', stderr: '' });
    const { accounts } = await request({ type: 'accounts.list' });
    expect(accounts.map((a: { label: string; fields: Record<string, string> }) => [a.label, a.fields.instanceUrl])).toEqual(
      expect.arrayContaining([
        ['dev', 'https://acme--dev.sandbox.my.salesforce.com'],
        ['ci@acme.com', 'https://acme.my.salesforce.com'],
      ]),
    );
  });

  it('terminal: a locked vault gives the locked message and nothing else; no file under the host’s or the CLI’s folders holds a secret', async () => {
    const { home, request } = driver();
    await request({ type: 'vault.lock' });
    expect(await tokenkeep(home, ['env', 'Acme prod'])).toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringContaining('Tokenkeep is locked: unlock it in the browser'),
    });
    expect(await secretsWritten(home, [PASSWORD, TOKEN])).toEqual([]);
  });
}
