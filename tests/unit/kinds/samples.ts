/** Every kind's own sample (each `*.kind.ts` exports one beside its Kind), found as the registry finds the kinds. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Kind, Sample } from '../../../utils/kinds/types';

const MODULES = import.meta.glob<{ default: Kind; sample: Sample }>('../../../utils/kinds/*.kind.ts', { eager: true });

export const SAMPLES: ReadonlyMap<string, Sample> = new Map(Object.values(MODULES).map((m) => [m.default.name, m.sample]));

// A path, not new URL(…, import.meta.url): under happy-dom, Vite would turn that into an asset import.
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../../fixtures/kinds', name), 'utf8');

// A kind's sample carries no private key (the module ships in the extension): the fixtures' key and certificate stand in.
const PEMS: Record<string, string> = { privateKey: fixture('jwt-key.pem'), certificate: fixture('jwt-cert.pem') };

/** A sample's fields, with each PEM field it leaves out filled from the fixtures: an account every kind can save. */
export function savableSample(kind: Kind): Record<string, string> {
  const fields = { ...SAMPLES.get(kind.name)!.fields };
  for (const f of kind.fields) if (!fields[f.name] && PEMS[f.name]) fields[f.name] = PEMS[f.name]!;
  return fields;
}
