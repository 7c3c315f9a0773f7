/** The answer of the worker that reads an import file, as the options page turns it back into a result or the reader's own error. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../utils/common/errors';
import { readImport } from '../../../utils/import/read';
import { failureReply, resultOf, type ReadReply } from '../../../utils/import/read-reply';
import { bitwardenJson, bitwardenProtected } from '../../fixtures/import/make';

/** What crosses from the worker: a structured clone of the reply. */
const across = (reply: ReadReply) => resultOf(structuredClone(reply));
const file = (content: string) => ({ name: 'export.json', bytes: new TextEncoder().encode(content) });

describe('the import reader’s answer, across the worker', () => {
  it('brings the entries back as read', async () => {
    const result = await readImport(file(bitwardenJson()));
    expect(across({ ok: true, result })).toEqual(result);
  });

  it('brings a wrong password back as one, so the page asks again', async () => {
    const failed = await readImport(file(await bitwardenProtected('right')), 'wrong').catch(failureReply);
    expect(() => across(failed as ReadReply)).toThrow(expect.objectContaining({ code: 'wrong-passphrase', message: expect.stringMatching(/does not open/) }));
  });

  it('says no more than "could not read" of an error that is not the reader’s own, and refuses an answer of another shape', () => {
    expect(failureReply(new AppError('bad-request', 'This file is damaged.'))).toEqual({ ok: false, code: 'bad-request', message: 'This file is damaged.' });
    expect(failureReply(new RangeError('Maximum call stack size exceeded'))).toEqual({
      ok: false,
      code: 'internal',
      message: 'Tokenkeep could not read the file: Maximum call stack size exceeded',
    });
    for (const odd of [null, 'text', { ok: true }, { ok: true, result: { format: 'x', entries: [{ title: 1 }] } }, { ok: false, code: 'x' }])
      expect(() => resultOf(odd)).toThrow('its reader answered with something else');
  });
});
