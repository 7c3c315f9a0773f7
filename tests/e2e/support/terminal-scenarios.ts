/**
 * The terminal tests both browsers run the same way, each through a driver
 * of its own automation (Playwright in Chromium, puppeteer over BiDi in
 * Firefox): the consent window found, read and answered as a user does.
 */
import { expect, it } from 'vitest';
import { MASK } from '../../../utils/bridge/mask';
import { salesforceAccount, TOKEN } from './accounts';
import { CHECKSUM_CHILD, checksumOf, ENV_TEXT, PASSWORD, secretsWritten, tokenkeep, type CliRun, type TerminalHome } from './terminal';

export interface ConsentWindow {
  /** What the window says, as a person reads it. */
  text(): Promise<string>;
  /** Clicks an answer; resolves once the window has closed with it. */
  answer(name: 'Allow once' | 'Allow this account for' | 'Deny'): Promise<void>;
  chooseMinutes(minutes: 5 | 15 | 60): Promise<void>;
  /** Closes the window without an answer; resolves once it is gone. */
  close(): Promise<void>;
}

export interface TerminalDriver {
  home: TerminalHome;
  request(message: unknown): Promise<any>;
  /** Starts the CLI and resolves once the consent window it opens shows its question. */
  asked(args: string[]): Promise<{ run: Promise<CliRun>; consent: ConsentWindow }>;
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
    expect(await tokenkeep(home, ['get', 'Acme prod', 'password'])).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('answer that one first') });
    await first.consent.answer('Allow once');
    expect(await first.run).toMatchObject({ code: 0, stdout: TOKEN });
  });

  it('terminal: an unknown name is refused without a window, and an ambiguous one lists the candidates', async () => {
    const { home, request } = driver();
    await request({ type: 'account.save', account: salesforceAccount({ label: 'Acme sandbox', username: 'integration@acme.com.uat', environment: 'sandbox' }) });
    expect(await tokenkeep(home, ['env', 'globex'])).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('No account matches "globex"') });
    const ambiguous = await tokenkeep(home, ['env', 'acme']);
    expect(ambiguous).toMatchObject({ code: 1, stdout: '' });
    expect(ambiguous.stderr).toContain('"acme" matches 2 accounts');
    expect(ambiguous.stderr).toContain('Acme sandbox');
  });

  it('terminal: tokenkeep run passes the env to a child that prints a checksum of it, masks the secret it prints, and passes its exit code; allowed for 15 minutes, the next request is not asked', async () => {
    const { home, asked } = driver();
    const { run, consent } = await asked(['run', 'Acme prod', '--', ...CHECKSUM_CHILD]);
    expect(await consent.text()).toContain('run a command with these in its environment');
    await consent.chooseMinutes(15);
    await consent.answer('Allow this account for');
    expect(await run).toEqual({ code: 3, stdout: `checksum ${checksumOf()}\npassword ${MASK}\n`, stderr: '' });
    // No window to answer: the standing answer lets it through.
    expect(await tokenkeep(home, ['get', 'Acme prod', 'token'])).toMatchObject({ code: 0, stdout: TOKEN });
  });

  it('terminal: a locked vault gives the locked message and nothing else; no file under the host’s or the CLI’s folders holds a secret', async () => {
    const { home, request } = driver();
    await request({ type: 'vault.lock' });
    expect(await tokenkeep(home, ['env', 'Acme prod'])).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('Tokenkeep is locked: unlock it in the browser') });
    expect(await secretsWritten(home, [PASSWORD, TOKEN])).toEqual([]);
  });
}
