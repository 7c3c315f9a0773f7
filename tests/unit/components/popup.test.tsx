// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPopupModel, FIRST_ROWS } from '../../../components/popup/model';
import { Popup } from '../../../components/popup/Popup';
import { testBackend } from '../vault/backend';
import { inputFromFlat } from '../../../utils/vault/flat';
import { capture, PASS } from '../vault/helpers';

const TOKEN = 'PVmuqFRxEP0LG40WUka5vPJjG';
const OLDER = 'Lk4Ab7Cd0Ef3Gh6Ij9Kl2Mn5';
let backend: ReturnType<typeof testBackend>;
let root: HTMLElement;
let model: ReturnType<typeof createPopupModel>;

const settle = async (rounds = 20) => {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
};

/** Renders the popup on the test's backend; `deps` replaces the model's defaults (its client, its host). */
async function mount(deps: Partial<Parameters<typeof createPopupModel>[0]> = {}) {
  model = createPopupModel({ client: backend.client, ...deps });
  root = document.createElement('div');
  document.body.replaceChildren(root);
  await act(async () => {
    render(<Popup model={model} />, root);
    await model.refresh();
  });
  return model;
}

const buttons = () => [...root.querySelectorAll('button')];
const button = (name: string) => {
  const found = buttons().find((b) => (b.getAttribute('aria-label') ?? b.textContent!.trim()) === name);
  if (!found)
    throw new Error(
      `no button "${name}" among: ${buttons()
        .map((b) => b.getAttribute('aria-label') ?? b.textContent)
        .join(' | ')}`,
    );
  return found;
};
const status = () => root.querySelector('[role="status"]')!.textContent;
const rowLabels = () => [...root.querySelectorAll('.row-label')].map((el) => el.textContent);

async function click(el: HTMLElement) {
  await act(async () => {
    el.click();
    await settle();
  });
}

async function type(id: string, value: string) {
  await act(() => {
    const input = root.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`)!;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function key(id: string, name: string) {
  await act(async () => {
    root.querySelector(`#${id}`)!.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }));
    await settle();
  });
}

async function submit(form = root.querySelector('form')!) {
  await act(async () => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    // The action marks the model busy at once; Argon2id runs for real, so wait for it to finish.
    while (model.busy.value) await new Promise((r) => setTimeout(r, 10));
    await settle();
  });
}

beforeEach(() => {
  backend = testBackend();
});

describe('popup: first run', () => {
  it('asks for a passphrase twice, with a strength hint, and creates the vault', async () => {
    await mount();
    expect(root.textContent).toContain('Choose a passphrase');
    const create = root.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    await type('setup-pass', 'short');
    expect(root.textContent).toContain('Too short.');
    await type('setup-pass', PASS);
    await type('setup-repeat', 'something else');
    expect(root.textContent).toContain('The two passphrases differ.');
    expect(create.disabled).toBe(true);
    await type('setup-repeat', PASS);
    expect(create.disabled).toBe(false);
    await submit();
    expect(root.textContent).toContain('No accounts yet');
    expect(await backend.vault.state()).toBe('unlocked');
  });
});

describe('popup: locked', () => {
  beforeEach(async () => {
    await backend.service.setup(PASS);
    await backend.service.saveCapture(capture(TOKEN, 'jane@acme.com'));
    await backend.service.lock();
    await backend.service.saveCapture(capture(OLDER, 'while-locked@acme.com'));
  });

  it('says a wrong passphrase is wrong beside the field, marked invalid, then unlocks and says what was captured meanwhile', async () => {
    await mount();
    expect(root.textContent).toContain('Unlock Tokenkeep');
    expect(root.textContent).toContain('1 token was captured while locked');
    await type('unlock-pass', 'not my passphrase');
    await submit();
    const field = root.querySelector('#unlock-pass')!;
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(field.getAttribute('aria-describedby')!)?.textContent).toContain('That passphrase is not right.');
    expect(root.querySelector('.toast-error')).toBeNull();
    await type('unlock-pass', PASS);
    await submit();
    expect(status()).toContain('1 token captured while locked was added: while-locked@acme.com.');
    expect(rowLabels()).toEqual(['jane@acme.com', 'while-locked@acme.com']);
  });

  it('counts down the wait after repeated wrong passphrases, then lets the user try again', async () => {
    // The background's throttle and the popup's countdown read the same clock; the test moves it.
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    try {
      for (let i = 0; i < 5; i++) await backend.service.unlock(`wrong ${i}`).catch(() => undefined);
      await mount();
      await type('unlock-pass', PASS);
      const submitButton = root.querySelector<HTMLButtonElement>('button[type="submit"]')!;
      expect(submitButton.textContent).toBe('Wait 1 s');
      expect(submitButton.disabled).toBe(true);
      // The fifth failure costs one second: not over early, and over when it is up.
      await act(async () => void (await vi.advanceTimersByTimeAsync(750)));
      expect(submitButton.textContent).toBe('Wait 1 s');
      await act(async () => void (await vi.advanceTimersByTimeAsync(250)));
      expect(submitButton.textContent).toBe('Unlock');
      expect(submitButton.disabled).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('popup: locked, with a PIN', () => {
  it('asks for the PIN, says a wrong one beside the field with the tries left, offers the passphrase, and opens with the PIN', async () => {
    await backend.service.setup(PASS);
    await backend.service.saveCapture(capture(TOKEN, 'jane@acme.com'));
    await backend.service.setPin('2468');
    await backend.service.lock();
    await mount();
    expect(root.querySelector('label[for="unlock-pin"]')?.textContent).toBe('PIN');
    await type('unlock-pin', '1357');
    await submit();
    expect(root.querySelector('#unlock-pin')?.getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector('#unlock-error')?.textContent).toBe('That PIN is not right. 4 tries are left before Tokenkeep asks for the passphrase.');
    await click(button('Use the passphrase instead'));
    expect(root.querySelector('#unlock-pass')).not.toBeNull();
    await click(button('Use the PIN instead'));
    // A second try waits a second after the first wrong PIN, as the button says.
    await new Promise((r) => setTimeout(r, 1100));
    await type('unlock-pin', '2468');
    await submit();
    expect(rowLabels()).toEqual(['jane@acme.com']);
  });
});

describe('popup: unlocked', () => {
  beforeEach(async () => {
    await backend.service.setup(PASS);
    await backend.service.saveCapture(capture(OLDER, 'jane@acme.com', '2026-10-01T00:00:00.000Z'));
    await backend.service.saveCapture(capture(TOKEN, 'jane@acme.com'));
    await backend.service.saveCapture(capture('Xk29fPqL0mZr7TbV4nWc1yHs', 'ops@acme.com.uat'));
  });

  it('groups accounts by environment, with username and token age', async () => {
    await mount();
    expect([...root.querySelectorAll('.group-title')].map((h) => h.textContent)).toEqual(['Salesforce · Production (1)', 'Salesforce · Sandbox (1)']);
    const row = root.querySelector('.row')!;
    expect(row.textContent).toContain('jane@acme.com');
    expect(row.textContent).toContain('token now');
  });

  it('copies from the row menu through the background, and says when the clipboard clears', async () => {
    await mount();
    await click(button('More for jane@acme.com'));
    expect(root.querySelector('[role="menu"]')).not.toBeNull();
    await click(root.querySelector<HTMLElement>('[role="menu"] [aria-label="Copy token for jane@acme.com"]')!);
    expect(backend.copied).toEqual([TOKEN]);
    expect(status()).toContain('Copied token for jane@acme.com (production) · clipboard clears in 30 s');
    expect(root.querySelector('[role="menu"]')).toBeNull();
    // Until a password is added, the row's one-click copy is the token, and password + token waits for it.
    expect(button('Copy token for jane@acme.com').textContent).toBe('Token');
    await click(button('More for jane@acme.com'));
    expect(button('Copy password + token for jane@acme.com').disabled).toBe(true);
    // The form opened next is not covered by the copy's toast: its Save sits where the toast was.
    await click(button('Add'));
    expect(root.querySelector('.toast')!.className).toBe('toast toast-empty');
  });

  it('adds a password in the edit form, then Enter in the search copies password + token', async () => {
    await mount();
    await click(button('More for jane@acme.com'));
    await click(button('Edit…'));
    expect(root.querySelector<HTMLInputElement>('#f-token')!.value).toBe(TOKEN);
    await type('f-password', 'S3cret!');
    await submit(root.querySelector<HTMLFormElement>('form.account-form')!);
    expect(status()).toContain('Saved jane@acme.com');
    await click(button('← Accounts'));
    await key('search', 'Enter');
    expect(backend.copied).toEqual([`S3cret!${TOKEN}`]);
  });

  it('filters as you type and moves the selection with the arrow keys', async () => {
    await mount();
    await type('search', 'uat');
    expect(rowLabels()).toEqual(['ops@acme.com.uat']);
    await key('search', 'Escape');
    expect(root.querySelector<HTMLInputElement>('#search')!.value).toBe('');
    expect(root.querySelector('.row.selected .row-label')!.textContent).toBe('jane@acme.com');
    await key('search', 'ArrowDown');
    expect(root.querySelector('.row.selected .row-label')!.textContent).toBe('ops@acme.com.uat');
    // Without a password, Enter copies what the account holds: its token.
    await key('search', 'Enter');
    expect(backend.copied).toEqual(['Xk29fPqL0mZr7TbV4nWc1yHs']);
  });

  it('shows where the token came from and the earlier tokens, each copyable', async () => {
    await mount();
    await click(root.querySelector<HTMLElement>('.row-main')!);
    expect(root.textContent).toContain('from support@salesforce.com: “Your new Salesforce security token”');
    const older = buttons().find((b) => b.getAttribute('aria-label')?.startsWith('Copy the security token issued'))!;
    await click(older);
    expect(backend.copied).toEqual([OLDER]);
  });

  it('adds an account from a pasted token, recognising its kind and offering its Authorization header', async () => {
    await mount();
    await click(button('Add'));
    const pat = `ghp_${'a1B2'.repeat(9)}`;
    await type('f-paste', pat);
    expect(root.querySelector<HTMLSelectElement>('#f-kind')!.value).toBe('github');
    expect(root.textContent).toContain('Recognised: GitHub.');
    expect(root.querySelector<HTMLInputElement>('#f-token')!.value).toBe(pat);
    await type('f-label', 'CI bot');
    await submit(root.querySelector<HTMLFormElement>('form.account-form')!);
    expect(root.querySelector('#details-title')!.textContent).toBe('CI bot');
    await click(button('Copy Authorization header for CI bot'));
    expect(backend.copied).toEqual([`Authorization: Bearer ${pat}`]);
  });

  it('deletes after a confirmation, and Undo brings the account back', async () => {
    await mount();
    await click(root.querySelector<HTMLElement>('.row-main')!);
    await click(button('Delete…'));
    expect(root.querySelector('[role="alertdialog"]')!.textContent).toContain('You can undo for 10 seconds.');
    await click(button('Delete'));
    expect(rowLabels()).toEqual(['ops@acme.com.uat']);
    expect(status()).toContain('Deleted jane@acme.com');
    await click(button('Undo'));
    expect(rowLabels()).toEqual(['jane@acme.com', 'ops@acme.com.uat']);
    expect((await backend.service.getAccount((await backend.service.allAccounts()).find((a) => a.fields.username === 'jane@acme.com')!.id)).fields.token).toBe(
      TOKEN,
    );
  });

  it('locks on request and shows the unlock screen', async () => {
    await mount();
    await click(button('Lock'));
    expect(root.textContent).toContain('Unlock Tokenkeep');
    expect(await backend.vault.state()).toBe('locked');
  });

  it('reports an account it cannot decrypt, and still lists the others', async () => {
    const [key, record] = (await backend.kv.entries<{ ct: Uint8Array }>('record:'))[0]!;
    record.ct[2]! ^= 1;
    await backend.kv.set(key, record);
    await backend.service.lock();
    await backend.service.unlock(PASS);
    await mount();
    expect(root.querySelector('[role="alert"]')!.textContent).toContain('1 account cannot be opened.');
    expect(root.querySelectorAll('.row')).toHaveLength(1);
  });
});

describe('popup: a long list', () => {
  const USERS = Array.from({ length: 30 }, (_, i) => `user${String(i).padStart(2, '0')}@acme.com`);

  beforeEach(async () => {
    await backend.service.setup(PASS);
    for (const [i, user] of USERS.entries()) await backend.service.saveCapture(capture(`Tk${String(i).padStart(2, '0')}Ab7Cd0Ef3Gh6Ij9Kl2Mn`, user));
  });

  it('shows the first screen before the whole list has arrived, with every group counted, then the rest', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    // The whole list is held back, as a slow crossing from the background would.
    const client: typeof backend.client = async (request) => {
      if (request.type === 'accounts.list' && !('first' in request)) await held;
      return backend.client(request);
    };
    model = createPopupModel({ client });
    root = document.createElement('div');
    document.body.replaceChildren(root);
    let refreshed!: Promise<void>;
    await act(async () => {
      render(<Popup model={model} />, root);
      refreshed = model.refresh();
      await settle();
    });
    expect(root.querySelectorAll('.row')).toHaveLength(FIRST_ROWS);
    expect(rowLabels()[0]).toBe('user00@acme.com');
    expect(root.querySelector('.group-title')!.textContent).toBe('Salesforce · Production (30)');
    expect(root.querySelector('.groups')!.getAttribute('aria-busy')).toBe('true');

    await act(async () => {
      release();
      await refreshed;
      await settle();
    });
    expect(root.querySelector('.groups')!.hasAttribute('aria-busy')).toBe(false);
    expect(root.querySelectorAll('.row')).toHaveLength(USERS.length);
    expect(root.querySelector('.group-title')!.textContent).toBe('Salesforce · Production (30)');
    // A search reaches every account, not only the first page's.
    await type('search', 'user29');
    expect(rowLabels()).toEqual(['user29@acme.com']);
  });
});

describe('popup: after sync', () => {
  it('says what sync did since it was last open, taking it from the background', async () => {
    await backend.service.setup(PASS);
    await backend.service.saveCapture(capture(TOKEN, 'jane@acme.com'));
    let notices = ['jane@acme.com was deleted here and changed on another browser: the changed account is kept.'];
    const client: typeof backend.client = async (request) => {
      if (request.type !== 'sync.notices') return backend.client(request);
      const taken = notices;
      notices = [];
      return { notices: taken } as never;
    };
    await mount({ client });
    expect(status()).toContain('jane@acme.com was deleted here and changed on another browser: the changed account is kept.');
    expect(notices).toEqual([]);
  });
});

describe('popup: on a login page', () => {
  async function mountOver(url: string, pick: 'copy' | 'fill' | null) {
    backend = testBackend({ takePick: async () => (pick ? { action: pick } : null) });
    await backend.service.setup(PASS);
    await backend.service.saveCapture(capture(TOKEN, 'jane@acme.com'));
    await backend.service.saveCapture(capture('Xk29fPqL0mZr7TbV4nWc1yHs', 'ops@acme.com.uat'));
    await backend.service.saveCapture(capture('Qa29fPqL0mZr7TbV4nWc1yHs', 'qa@acme.com.qa'));
    await mount({ host: { currentTab: async () => ({ id: 7, url }) } });
    await act(() => settle());
  }
  const siteRows = () => [...root.querySelectorAll('.site-fill .row-label')].map((el) => el.textContent);

  it('lists only the page’s environment’s accounts, each with its badge', async () => {
    await mountOver('https://test.salesforce.com/', null);
    expect(siteRows()).toEqual(['ops@acme.com.uat sandbox', 'qa@acme.com.qa sandbox']);
    expect(document.activeElement?.id).toBe('search');
  });

  it('opened by the copy shortcut to choose: says so, gives the first account’s copy the keyboard, and copies the one chosen', async () => {
    await mountOver('https://test.salesforce.com/', 'copy');
    expect(root.querySelector('.site-fill [role="status"]')?.textContent).toBe('2 accounts fit this page: choose which to copy.');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Copy token for ops@acme.com.uat');
    await click(button('Copy token for qa@acme.com.qa'));
    expect(backend.copied).toEqual(['Qa29fPqL0mZr7TbV4nWc1yHs']);
    expect(status()).toContain('Copied token for qa@acme.com.qa (sandbox)');
    // Chosen once: the list goes back to Fill.
    expect(button('Fill ops@acme.com.uat on test.salesforce.com')).toBeDefined();
  });
});

describe('popup: log in', () => {
  it("asks for the login page's host alone in the click, then opens it: from the row menu, and with Ctrl+Enter in the search", async () => {
    const opened: string[] = [];
    backend = testBackend({ logIn: async (id) => (opened.push(id), { origin: 'https://test.salesforce.com' }) });
    await backend.service.setup(PASS);
    const { id } = await backend.service.saveAccount(
      inputFromFlat({ kind: 'salesforce', label: 'Acme UAT', username: 'jane@acme.com.uat', environment: 'sandbox' }),
    );
    const asked: string[] = [];
    await mount({ host: { requestOrigins: async (origins) => (asked.push(...origins), true) } });
    await click(button('More for Acme UAT'));
    await click(button('Log in at test.salesforce.com'));
    await act(async () => {
      root.querySelector('#search')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, cancelable: true }));
      await settle();
    });
    expect([asked, opened]).toEqual([
      ['https://test.salesforce.com', 'https://test.salesforce.com'],
      [id, id],
    ]);
    // Ctrl+Enter logged in; it did not copy.
    expect(backend.copied).toEqual([]);
  });

  it("says what to do when the browser was not allowed to open the page, and draws the account's colour as its stripe", async () => {
    backend = testBackend({ logIn: () => new Promise(() => undefined) });
    await backend.service.setup(PASS);
    await backend.service.saveAccount({ ...inputFromFlat({ kind: 'salesforce', label: 'Acme prod', username: 'jane@acme.com' }), color: 'green' });
    await mount({ host: { requestOrigins: async () => false } });
    expect(root.querySelector<HTMLElement>('li.row')!.style.getPropertyValue('--stripe')).toBe('#188038');
    await click(button('More for Acme prod'));
    await click(button('Log in at login.salesforce.com'));
    expect(status()).toContain('Tokenkeep may not open and fill login.salesforce.com yet: choose Log in again, and allow it when your browser asks.');
  });
});

describe('popup: a legacy copy', () => {
  it('marks the one-click password + token, says why in its description, and offers the org’s OAuth app as the way forward', async () => {
    await backend.service.setup(PASS);
    await backend.service.saveAccount(
      inputFromFlat({
        kind: 'salesforce',
        label: 'Acme prod',
        username: 'jane@acme.com',
        password: 'pw',
        token: TOKEN,
        environment: 'custom',
        loginUrl: 'https://acme.my.salesforce.com',
      }),
    );
    await mount();
    const oneClick = button('Copy password + token for Acme prod');
    expect(oneClick.querySelector('.legacy')).not.toBeNull();
    expect(document.getElementById(oneClick.getAttribute('aria-describedby')!)?.textContent).toMatch(/^Legacy: SOAP login\(\) retires in Summer '27/);
    await click(root.querySelector<HTMLElement>('.row-main')!);
    await click(button('Add this org’s OAuth app…'));
    expect(root.querySelector<HTMLSelectElement>('#f-kind')?.value).toBe('salesforce-oauth');
    expect(root.querySelector<HTMLInputElement>('#f-myDomain')?.value).toBe('https://acme.my.salesforce.com');
  });
});

describe('popup: a token for a login that already exists', () => {
  it('says which account is that login and updates it with the new values, in place of a second account', async () => {
    await backend.service.setup(PASS);
    await backend.service.saveCapture(capture(OLDER, 'jane@acme.com'));
    await mount();
    await click(button('Add'));
    await type('f-username', 'Jane@acme.com');
    await type('f-token', TOKEN);
    expect(root.textContent).toContain('“jane@acme.com” is already this login.');
    expect(button('Add account').disabled).toBe(true);
    await click(button('Update “jane@acme.com” with these values'));
    expect(root.querySelector('#form-title')?.textContent).toBe('Edit jane@acme.com');
    expect(root.querySelector<HTMLInputElement>('#f-token')?.value).toBe(TOKEN);
    await submit();
    const all = await backend.service.allAccounts();
    expect(all.map((a) => [a.label, a.fields.token])).toEqual([['jane@acme.com', TOKEN]]);
    expect(all[0]!.history.map((h) => h.value)).toEqual([OLDER]);
  });
});

describe('popup: the add form', () => {
  it('starts at the paste box, with the optional parts folded and named, and opens them for a value that needs them', async () => {
    await backend.service.setup(PASS);
    await mount();
    await click(button('Add'));
    expect(document.activeElement?.id).toBe('f-paste');
    const more = root.querySelector<HTMLDetailsElement>('details.more-fields')!;
    expect([more.open, more.querySelector('summary')?.textContent]).toEqual([false, 'More: TOTP secret, sites, expiry, colour and log in, notes']);
    expect(more.querySelector('#f-totp')).not.toBeNull();
    await type('f-paste', 'otpauth://totp/Salesforce:jane%40acme.com?secret=JBSWY3DPEHPK3PXP&issuer=Salesforce');
    expect(root.querySelector<HTMLDetailsElement>('details.more-fields')!.open).toBe(true);
  });
});

describe('popup: live credentials', () => {
  it('offers Open org and Check only where the account can mint; asks for the org’s host in the click, says a refusal in words, and flags a failed check', async () => {
    const opened: string[] = [];
    backend = testBackend({ openTab: async (url) => void opened.push(url) });
    await backend.service.setup(PASS);
    await backend.service.saveAccount(
      inputFromFlat({
        kind: 'salesforce-oauth',
        label: 'Data sync',
        clientId: '3MVG9Data.Sync',
        clientSecret: 'S3cret',
        myDomain: 'https://acme.my.salesforce.com',
      }),
    );
    await backend.service.saveAccount(inputFromFlat({ kind: 'salesforce', label: 'Acme prod', username: 'jane@acme.com' }));
    const asked: string[] = [];
    let allow = false;
    await mount({ host: { requestOrigins: async (origins) => (asked.push(...origins), allow) } });
    await click(button('More for Acme prod'));
    expect(root.textContent).not.toContain('Open org');
    await click(button('More for Data sync'));
    await click(button('Open org'));
    expect(asked).toEqual(['https://acme.my.salesforce.com']);
    expect(status()).toContain('Tokenkeep may not reach acme.my.salesforce.com yet: choose Open org again, and allow it when your browser asks.');
    expect(opened).toEqual([]);
    // This service has no network: the background's answer is the one a user would read.
    allow = true;
    await click(button('More for Data sync'));
    await click(button('Check that it works'));
    expect(status()).toContain('Making access tokens is not available here.');
  });
});
