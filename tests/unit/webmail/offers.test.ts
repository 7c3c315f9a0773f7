/** What a webmail page offers to save, and when it offers it again. */
import { describe, expect, it } from 'vitest';
import type { Capture } from '../../../utils/extract/types';
import type { FoundCapture } from '../../../utils/webmail';
import { createOfferQueue } from '../../../utils/webmail/offers';

const found = (username: string, token: string): FoundCapture =>
  ({
    provider: 'salesforce',
    username,
    token,
    sender: { name: 'Salesforce', address: 'support@salesforce.com' },
    subject: 'Your new Salesforce security token',
    source: {} as FoundCapture['source'],
  }) as FoundCapture;

const tokens = (group: Capture[] | undefined) => group?.map((c) => c.token);

describe('the offer queue', () => {
  it('offers only what the vault does not hold, one user’s tokens together, in the page’s order', async () => {
    const saved = new Set(['TokenB1TokenB1TokenB1']);
    const offers = createOfferQueue(async (c) => !saved.has(c.token));
    await offers.add([
      found('ada@acme.com', 'TokenA1TokenA1TokenA1'),
      found('bob@acme.com', 'TokenB1TokenB1TokenB1'),
      found('ADA@acme.com', 'TokenA2TokenA2TokenA2'),
      found('cy@acme.com', 'TokenC1TokenC1TokenC1'),
    ]);
    expect(tokens(offers.next())).toEqual(['TokenA1TokenA1TokenA1', 'TokenA2TokenA2TokenA2']);
    expect(tokens(offers.next())).toEqual(['TokenC1TokenC1TokenC1']);
    expect(offers.next()).toBeUndefined();
  });

  it('never offers the same username and token twice while the page re-renders, and never sends the page’s own details to the vault', async () => {
    const asked: unknown[] = [];
    const offers = createOfferQueue(async (c) => (asked.push(c), true));
    await offers.add([found('ada@acme.com', 'TokenA1TokenA1TokenA1')]);
    await offers.add([found('Ada@Acme.com', 'TokenA1TokenA1TokenA1')]);
    expect(asked).toHaveLength(1);
    expect(asked[0]).not.toHaveProperty('source');
    expect(tokens(offers.next())).toEqual(['TokenA1TokenA1TokenA1']);
    expect(offers.next()).toBeUndefined();
  });

  it('offers nothing when the vault cannot be asked, and offers again on the next visit', async () => {
    let up = false;
    const offers = createOfferQueue(async () => {
      if (!up) throw new Error('the background did not answer');
      return true;
    });
    await offers.add([found('ada@acme.com', 'TokenA1TokenA1TokenA1')]);
    expect(offers.next()).toBeUndefined();
    offers.clear();
    up = true;
    await offers.add([found('ada@acme.com', 'TokenA1TokenA1TokenA1')]);
    expect(tokens(offers.next())).toEqual(['TokenA1TokenA1TokenA1']);
  });

  it('drops waiting offers when watching stops', async () => {
    const offers = createOfferQueue(async () => true);
    await offers.add([found('ada@acme.com', 'TokenA1TokenA1TokenA1'), found('bob@acme.com', 'TokenB1TokenB1TokenB1')]);
    offers.next();
    offers.clear();
    expect(offers.next()).toBeUndefined();
  });
});
