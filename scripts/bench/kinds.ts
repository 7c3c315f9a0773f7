/**
 * kinds.recogniseMs: recognising a pasted value (what the add form does on
 * every paste), the slowest of the kinds' samples, median over repeats.
 * kinds.baselineMs: one regex test over the same values, in the same run,
 * for scale: recognition is one such test per kind, at most.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { recognise } from '../../utils/kinds';
import { ROOT } from '../lib/build';
import { median, round, type Figure } from './report';

const REPEATS = 2000;

function perCall(fn: () => unknown): number {
  for (let i = 0; i < 200; i++) fn();
  const times: number[] = [];
  for (let round = 0; round < 9; round++) {
    const start = performance.now();
    for (let i = 0; i < REPEATS; i++) fn();
    times.push((performance.now() - start) / REPEATS);
  }
  return median(times);
}

export async function benchKinds(): Promise<Figure[]> {
  const samples = [
    'PVmuqFRxEP0LG40WUka5vPJjG',
    `ghp_${'a1B2'.repeat(9)}`,
    'force://PlatformCLI::5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJrnx.ZA@acme.my.salesforce.com',
    'otpauth://totp/Salesforce:jane%40acme.com?secret=JBSWY3DPEHPK3PXP&issuer=Salesforce',
    readFileSync(path.join(ROOT, 'tests/fixtures/kinds/jwt-key.pem'), 'utf8'),
    'not a credential at all, just words someone pasted by mistake',
  ];
  const recogniseMs = Math.max(...samples.map((s) => perCall(() => recognise(s))));
  const baselineMs = Math.max(...samples.map((s) => perCall(() => /^[A-Za-z0-9]{20,30}$/.test(s))));
  return [
    { key: 'kinds.recogniseMs', value: round(recogniseMs, 4), unit: 'ms', target: '≤ 1 ms', pass: recogniseMs <= 1 },
    { key: 'kinds.baselineMs', value: round(baselineMs, 5), unit: 'ms' },
    { key: 'kinds.recogniseToBaselineRatio', value: round(recogniseMs / baselineMs, 1), unit: '×' },
  ];
}
