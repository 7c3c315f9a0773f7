/** The import preview's model: the real readers and recognition, a client that records what reaches the background. */
import { describe, expect, it } from 'vitest';
import { createImportAccountsModel } from '../../../components/options/import-accounts-model';
import { AppError } from '../../../utils/common/errors';
import { candidateFor } from '../../../utils/import/candidates';
import { readImport } from '../../../utils/import/read';
import type { ImportAction, ImportItem } from '../../../utils/import/types';
import { kindOf } from '../../../utils/kinds';
import type { Client } from '../../../utils/protocol/client';
import { bitwardenProtected } from '../../fixtures/import/make';

const env = new TextEncoder().encode(['SF_USERNAME=jane@acme.com', 'SF_PASSWORD=pw', 'PORT=3000', 'EMPTY_ONE=x'].join('\n'));

function setup(answer: (items: ImportItem[]) => ImportAction[] = (items) => items.map(() => ({ action: 'new' }))) {
  const sent: Array<{ type: string; items: ImportItem[] }> = [];
  const client = (async (request: { type: string; items: ImportItem[] }) => {
    sent.push(request);
    if (request.type === 'import.preview') return { actions: answer(request.items) };
    if (request.items.some((i) => i.label === 'refused')) throw new AppError('bad-request', 'Nothing was imported: refused cannot be imported');
    return { added: request.items.length, updated: 0, unchanged: 0 };
  }) as unknown as Client;
  const model = createImportAccountsModel({
    client,
    read: readImport,
    candidate: async (entry, kind) => (kind ? candidateFor(entry, kindOf(kind)) : candidateFor(entry)),
  });
  return { model, sent };
}

describe('import preview model', () => {
  it('asks for the password of an encrypted export, again after a wrong one, then previews', async () => {
    const { model } = setup();
    await model.pick({ name: 'bw.json', bytes: new TextEncoder().encode(await bitwardenProtected('pw')) });
    expect(model.state.value).toMatchObject({ step: 'password', file: 'bw.json', message: expect.stringMatching(/password-protected/) });
    await model.open('nope');
    expect(model.state.value).toMatchObject({ step: 'password', message: expect.stringMatching(/does not open/) });
    await model.open('pw');
    expect(model.state.value).toEqual({ step: 'preview', file: 'bw.json', format: 'Bitwarden JSON (password-protected)', busy: false });
    expect(model.rows.value.map((r) => r.ticked)).toEqual([true, true, true]);
  });

  it('sends each entry’s date with it, so the background can tell a newer secret from an older one', async () => {
    const { model, sent } = setup();
    await model.pick({ name: 'bw.json', bytes: new TextEncoder().encode(await bitwardenProtected('pw')) });
    await model.open('pw');
    await model.confirm();
    const items = sent.at(-1)!.items;
    expect(items.find((i) => i.label === 'Acme sandbox')!.changedAt).toBe('2026-11-01T10:00:00.000Z');
    // An entry the tool did not date goes without one.
    expect(items.find((i) => i.label === 'CI bot token')).not.toHaveProperty('changedAt');
  });

  it('starts a variable that is probably no secret unticked, and imports only what stays ticked, with the sites approved', async () => {
    const { model, sent } = setup();
    await model.pick({ name: '.env', bytes: env });
    const rows = model.rows.value;
    expect(rows.map((r) => [r.candidate.label, r.ticked])).toEqual([
      ['SF_USERNAME, SF_PASSWORD', true],
      ['PORT', false],
      ['EMPTY_ONE', false],
    ]);
    await model.toggle(0, false);
    await model.toggle(1, true);
    await model.confirm();
    expect(sent.at(-1)).toMatchObject({ type: 'import.commit', items: [{ label: 'PORT', kind: 'other', fields: { token: '3000' } }] });
    expect(model.state.value).toEqual({ step: 'done', file: '.env', message: 'Imported from .env: 1 added, 0 updated, 0 already in Tokenkeep.' });
  });

  it('changes an entry’s kind, asking the background again; leaves a skipped entry unticked', async () => {
    const { model, sent } = setup((items) =>
      items.map((i) => (i.kind === 'github' ? { action: 'skip', why: 'Token is needed for a GitHub account.' } : { action: 'new' })),
    );
    await model.pick({ name: '.env', bytes: env });
    await model.setKind(1, 'github');
    expect(sent.filter((r) => r.type === 'import.preview')).toHaveLength(2);
    expect(model.rows.value[1]).toMatchObject({ candidate: { kind: 'github' }, ticked: false, action: { action: 'skip' } });
    await model.toggle(1, true);
    expect(model.rows.value[1]!.ticked).toBe(false);
  });

  it('ends a read the user cancels, or overtakes with another file, and drops what it would have shown', async () => {
    const reads: Array<{ name: string; signal: AbortSignal; finish: () => void }> = [];
    const sent: unknown[] = [];
    const slow = createImportAccountsModel({
      client: (async (request: { type: string; items: ImportItem[] }) => {
        sent.push(request);
        return { actions: request.items.map(() => ({ action: 'new' })) };
      }) as unknown as Client,
      read: (file, password, signal) =>
        new Promise((resolve) => reads.push({ name: file.name, signal, finish: () => void readImport(file, password).then(resolve) })),
      candidate: async (entry) => candidateFor(entry),
    });
    const picked = slow.pick({ name: 'slow.env', bytes: env });
    await Promise.resolve();
    expect(slow.state.value).toEqual({ step: 'reading', file: 'slow.env' });
    slow.cancel();
    expect(reads[0]!.signal.aborted).toBe(true);
    expect(slow.state.value).toEqual({ step: 'idle' });
    reads[0]!.finish();
    await picked;
    expect(slow.state.value).toEqual({ step: 'idle' });
    expect(slow.rows.value).toEqual([]);
    expect(sent).toEqual([]);
    // A second file while the first is read: only the second is shown.
    const first = slow.pick({ name: 'first.env', bytes: env });
    await Promise.resolve();
    const second = slow.pick({ name: 'second.env', bytes: new TextEncoder().encode('GITHUB_TOKEN=ghp_' + 'a1B2'.repeat(9)) });
    await Promise.resolve();
    expect(reads[1]!.signal.aborted).toBe(true);
    reads[2]!.finish();
    reads[1]!.finish();
    await Promise.all([first, second]);
    expect(slow.state.value).toMatchObject({ step: 'preview', file: 'second.env' });
    expect(slow.rows.value.map((r) => r.candidate.kind)).toEqual(['github']);
  });

  it('keeps the preview and says why when the background refuses the import', async () => {
    const { model } = setup();
    await model.pick({ name: 'x.csv', bytes: new TextEncoder().encode('name,url,username,password,note\nrefused,https://r.example,u,p,\n') });
    await model.toggleSite(0, 'https://r.example', true);
    expect(model.rows.value[0]!.candidate.sites).toEqual(['https://r.example']);
    await model.confirm();
    expect(model.state.value).toMatchObject({ step: 'preview', busy: false, message: 'Nothing was imported: refused cannot be imported' });
  });

  it('says what is wrong with a file it cannot read', async () => {
    const { model } = setup();
    await model.pick({ name: 'photo.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff]) });
    expect(model.state.value).toMatchObject({ step: 'error', file: 'photo.png', message: expect.stringMatching(/cannot tell what photo.png is/) });
  });
});
