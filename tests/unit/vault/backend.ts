/** A typed client wired to a real vault service on fake-indexeddb: extension pages tested against the real backend. */
import { createHandlers } from '../../../utils/handlers';
import { handleRequest } from '../../../utils/messages';
import { createClient } from '../../../utils/messages-client';
import { testVault } from './helpers';

export function testBackend() {
  const t = testVault();
  const client = createClient((message) => handleRequest(message, 'page', createHandlers(t.service)));
  return { ...t, client };
}
