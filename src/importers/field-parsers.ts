/** Small, strict field parsers shared by the formats: each returns the value or the reason it is refused. */

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export function requiredId(name: string, raw: string | undefined): Parsed<string> {
  const value = (raw ?? '').trim();
  if (value === '') return { ok: false, reason: `${name} is empty` };
  if (value.length > 256) return { ok: false, reason: `${name} is longer than 256 characters` };
  return { ok: true, value };
}

export function finiteNumber(name: string, raw: string | undefined): Parsed<number> {
  const text = (raw ?? '').trim();
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) return { ok: false, reason: `${name} "${raw ?? ''}" is not a number` };
  return { ok: true, value };
}

/** Epoch seconds (as MovieLens and Personalize write them) to epoch milliseconds. */
export function epochSeconds(name: string, raw: string | undefined): Parsed<number> {
  const text = (raw ?? '').trim();
  if (!/^\d{1,12}$/.test(text)) return { ok: false, reason: `${name} "${raw ?? ''}" is not a Unix timestamp in seconds` };
  return { ok: true, value: Number(text) * 1000 };
}

/** The release year that MovieLens puts at the end of a title: "Heat (1995)". */
export function yearInTitle(title: string): number | undefined {
  const match = /\((\d{4})\)\s*$/.exec(title.trim());
  return match ? Number(match[1]) : undefined;
}

export function startOfYearMs(year: number): number {
  return Date.UTC(year, 0, 1);
}

/** Checks a header row case-insensitively; returns the reason when it does not match. */
export function headerMismatch(actual: readonly string[] | undefined, expected: readonly string[]): string | undefined {
  const got = (actual ?? []).map((name) => name.trim().toLowerCase());
  const ok = expected.every((name, index) => got[index] === name.toLowerCase());
  return ok ? undefined : `expected the header "${expected.join(',')}", found "${(actual ?? []).join(',')}"`;
}
