/** What an import will do to an entry, in the words the options page and the consent window both show. */
import type { ImportAction } from './types';

export function actionWords(action: ImportAction | undefined): string {
  if (!action) return '…';
  if (action.action === 'new') return 'New account';
  if (action.action === 'update') return `Updates “${action.into}”`;
  if (action.action === 'unchanged') return `Already in Tokenkeep (“${action.into}”)`;
  return `Skipped: ${action.why}`;
}
