/** An account's environment as `tokenkeep env` prints it. */
import { envBlock, shellWord } from '../kinds/text';
import type { EnvFormat } from './cli-args';

export function envText(variables: ReadonlyArray<{ name: string; value: string }>, format: EnvFormat): string {
  if (format === 'json') return JSON.stringify(Object.fromEntries(variables.map((v) => [v.name, v.value])), null, 2);
  if (format === 'shell') return variables.map((v) => `export ${v.name}=${shellWord(v.value)}`).join('\n');
  return envBlock(variables.map((v) => [v.name, v.value])) ?? '';
}
