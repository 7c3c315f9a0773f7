/**
 * Figures and their budgets. Budgets live here, in the benchmark, and nowhere
 * in the tests: timing on a shared machine is for measuring, not for failing
 * a unit test.
 */
export interface Figure {
  /** Dotted key in the JSON output, e.g. "extract.mbPerSec". */
  key: string;
  value: number;
  unit: string;
  /** Human description of the budget, when there is one. */
  target?: string;
  pass?: boolean;
}

/** How long `fn` takes, in milliseconds. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** {"extract.mbPerSec": 3} -> {"extract": {"mbPerSec": 3}} */
export function toJson(figures: Figure[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const f of figures) {
    const [group, ...rest] = f.key.split('.');
    (out[group!] ??= {})[rest.join('.')] = f.value;
  }
  return out;
}

export function toTable(figures: Figure[]): string {
  const rows = figures.map((f) => [f.key, `${f.value} ${f.unit}`, f.target ?? '', f.pass === undefined ? '' : f.pass ? 'ok' : 'MISSED']);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...[['figure', 'value', 'target', ''], ...rows].map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(['figure', 'value', 'target', '']), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
