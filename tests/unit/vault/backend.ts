/** A typed client wired to a real vault service on fake-indexeddb: extension pages tested against the real backend. */
import { createHandlers, type HandlerHooks } from '../../../utils/app/handlers';
import { handleRequest } from '../../../utils/protocol/messages';
import { createClient } from '../../../utils/protocol/client';
import { testVault } from './helpers';

/**
 * The clipboard is the one part replaced: `copied` records what the
 * background would have written, and the e2e tests read the real one.
 */
export function testBackend(hooks: Partial<HandlerHooks> = {}) {
  const t = testVault();
  const copied: string[] = [];
  const handlers = createHandlers(t.service, {
    writeClipboard: async (text) => {
      copied.push(text);
      return 30;
    },
    ...hooks,
  });
  const client = createClient((message) => handleRequest(message, 'page', handlers));
  return { ...t, client, copied };
}
