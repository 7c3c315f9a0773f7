/**
 * The login pages "Log in" may open and fill, as signals: the host
 * permissions the user granted one by one (optional_host_permissions), and
 * taking one back. Taking it back is the browser's own act; the next Log in
 * there asks again.
 */
import { signal } from '@preact/signals';
import { errorMessage } from '../../utils/common/errors';

export interface LoginSitesDeps {
  /** The origins granted ("https://test.salesforce.com"), without the content script's own webmail hosts. */
  list: () => Promise<string[]>;
  remove: (origin: string) => Promise<boolean>;
  /** Calls back when the browser's grants change (here, in its settings, or by a Log in). */
  watch?: (changed: () => void) => void;
}

export function createLoginSitesModel({ list, remove, watch }: LoginSitesDeps) {
  const sites = signal<string[] | null>(null);
  const notice = signal<string | null>(null);
  const load = async () => {
    sites.value = (await list()).sort();
  };
  watch?.(() => void load());
  return {
    sites,
    notice,
    load,
    async remove(origin: string) {
      notice.value = null;
      try {
        if (!(await remove(origin))) notice.value = `The browser kept ${new URL(origin).host}: remove it in its own extension settings.`;
      } catch (err) {
        notice.value = errorMessage(err);
      }
      await load();
    },
  };
}

export type LoginSitesModel = ReturnType<typeof createLoginSitesModel>;
