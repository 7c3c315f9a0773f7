/** Accounts the e2e tests save through the protocol, as the popup's edit form would send them. */
import { inputFromFlat } from '../../../utils/kinds/flat';

export const TOKEN = 'PVmuqFRxEP0LG40WUka5vPJjG';

/** A Salesforce account, written flat: fields and account keys side by side. */
export function salesforceAccount(changes: Record<string, unknown> = {}) {
  return inputFromFlat({
    kind: 'salesforce',
    label: 'Acme prod',
    username: 'integration@acme.com',
    password: 'Pa55-word!',
    token: TOKEN,
    environment: 'production',
    loginUrl: 'https://login.salesforce.com',
    // The login hosts a new account lists, and the org's own My Domain, as after a first fill there.
    sites: ['https://login.salesforce.com', 'https://test.salesforce.com', 'https://acme.my.salesforce.com'],
    ...changes,
  });
}
