/** An account's environment as `tokenkeep env` prints it. */
import { dotenvBlock, shellEnvBlock } from '../kinds/text';
import type { EnvFormat } from './cli-args';

export function envText(variables: ReadonlyArray<{ name: string; value: string }>, format: EnvFormat): string {
  if (format === 'json') return JSON.stringify(Object.fromEntries(variables.map((v) => [v.name, v.value])), null, 2);
  const lines = variables.map((v) => [v.name, v.value] as const);
  return (format === 'shell' ? shellEnvBlock(lines) : dotenvBlock(lines)) ?? '';
}
