/** What an import will do to an entry, in the words the options page and the consent window both show. */
import type { ImportAction } from './types';

const list = (names: string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

export function actionWords(action: ImportAction | undefined): string {
  if (!action) return '…';
  if (action.action === 'new') return 'New account';
  if (action.action === 'update') {
    const { newer = [], older = [] } = action;
    const said = [
      ...(newer.length ? [`the imported ${list(newer)} ${newer.length > 1 ? 'are newer and become' : 'is newer and becomes'} current`] : []),
      ...(older.length ? [`the imported ${list(older)} ${older.length > 1 ? 'go' : 'goes'} to the history`] : []),
    ];
    return `Updates “${action.into}”${said.length ? `: ${said.join('; ')}` : ''}`;
  }
  if (action.action === 'unchanged') return `Already in Tokenkeep (“${action.into}”)`;
  return `Skipped: ${action.why}`;
}
