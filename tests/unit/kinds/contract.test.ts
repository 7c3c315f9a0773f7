/**
 * What every kind owes the rest of Tokenkeep, checked against its own
 * declarations and sample: a new kind is its module and its test file, and
 * this suite covers it without a line changed here.
 */
import { describe, expect, it } from 'vitest';
import { canMake, fieldOf, fillWords, formatOf, kindOf, KINDS, recognise, type Kind } from '../../../utils/kinds';
import { filledMessage } from '../../../utils/common/format';
import { checkFields } from '../../../utils/kinds/check';
import { SAMPLE_NOW } from '../../../utils/kinds/types';
import { SAMPLES, savableSample } from './samples';

describe.each(KINDS.map((k) => [k.name, k] as const))('kind %s', (_name, kind) => {
  const sample = SAMPLES.get(kind.name);
  const has = (field: string) => !!sample?.fields[field];

  it('exports a sample whose fields are its own', () => {
    expect(sample, `${kind.name}.kind.ts exports no sample`).toBeDefined();
    for (const name of Object.keys(sample!.fields)) expect(fieldOf(kind, name), `${kind.name} has no field ${name}`).toBeDefined();
  });

  it('makes exactly its sample text with each format the sample can make, and offers no other', async () => {
    const made: Record<string, string> = {};
    for (const format of kind.formats) {
      if (!canMake(format, has)) continue;
      const text = await format.text(sample!.fields, { now: SAMPLE_NOW });
      if (text !== undefined) made[format.name] = text;
    }
    expect(Object.keys(made).sort()).toEqual(Object.keys(sample!.formats).sort());
    for (const [name, expected] of Object.entries(sample!.formats)) {
      if (typeof expected === 'string') expect(made[name], name).toBe(expected);
      else expect(made[name], name).toMatch(expected);
    }
  });

  it('saves its sample, and knows its expiry', async () => {
    const fields = savableSample(kind);
    const checked = await checkFields(kind, fields);
    // A sample the fixtures had to complete (a JWT key and certificate) has the certificate's expiry, not its own.
    if (Object.keys(fields).length === Object.keys(sample!.fields).length) expect(await kind.expiry?.(checked)).toBe(sample!.expiry);
  });

  it('recognises what its users paste, where it recognises anything', () => {
    if (!kind.recognise) return void expect(sample!.pasted, `${kind.name} recognises nothing: its sample pastes nothing`).toBeUndefined();
    expect(sample!.pasted, `${kind.name} recognises pastes: its sample shows one`).toBeDefined();
    const found = recognise(sample!.pasted!.value);
    expect(found?.kind.name).toBe(kind.name);
    expect(found?.fields).toEqual(sample!.pasted!.fields);
  });

  it('names only its own fields in what it declares', () => {
    const names = [
      ...Object.values(kind.fill),
      ...kind.formats.flatMap((f) => f.needs),
      ...(kind.subtitle ? [kind.subtitle] : []),
      ...(kind.rotating ? [kind.rotating] : []),
      ...(kind.grouping ? [kind.grouping.field] : []),
      ...(kind.captures ? [kind.captures.login, kind.captures.secret] : []),
      ...(kind.env ?? []).map(([, field]) => field),
    ];
    for (const name of names) expect(fieldOf(kind, name), `${kind.name} names ${name}`).toBeDefined();
    // What it says may follow the password is a role it fills; a code needs a maker.
    for (const role of kind.appends?.roles ?? []) expect(kind.fill[role], role).toBeDefined();
    if (kind.fill.code) expect(kind.codes).toBeTypeOf('function');
  });
});

describe('the registry', () => {
  it('finds every kind module, once by name, in list order, with one fallback last', () => {
    expect(new Set(KINDS.map((k) => k.name)).size).toBe(KINDS.length);
    expect(KINDS.map((k) => k.order)).toEqual([...KINDS.map((k) => k.order)].sort((a, b) => a - b));
    expect(KINDS.filter((k) => k.fallback)).toEqual([KINDS.at(-1)]);
    expect(SAMPLES.size).toBe(KINDS.length);
  });
});

describe('fill words', () => {
  it('name what went in as each kind names its fields', () => {
    expect(filledMessage(['username', 'password+token'], 'Acme UAT (sandbox)', fillWords(kindOf('salesforce')!))).toBe(
      'Filled username, password + security token for Acme UAT (sandbox).',
    );
    expect(filledMessage(['client-id', 'client-secret'], 'Sync app', fillWords(kindOf('salesforce-oauth')!))).toBe(
      'Filled consumer key, consumer secret for Sync app.',
    );
    expect(filledMessage(['username', 'password+code'], 'Intranet', fillWords(kindOf('other')!))).toBe(
      'Filled username, password + current code for Intranet.',
    );
  });
});

describe('every kind', () => {
  it.each(KINDS.map((k) => [k.name, k] as [string, Kind]))('%s declares labelled fields, formats built from them, and fill roles it has', (_name, k) => {
    const names = new Set(k.fields.map((f) => f.name));
    for (const f of k.formats) for (const n of f.needs) expect(names.has(n), `${k.name}/${f.name} needs ${n}`).toBe(true);
    for (const field of Object.values(k.fill)) expect(names.has(field!)).toBe(true);
    for (const p of k.primary) expect(formatOf(k, p), `${k.name} primary ${p}`).toBeDefined();
    expect(k.fields.every((f) => f.label && f.max > 0)).toBe(true);
  });
});
