import type { FallbackReason, RankedItem, Strategy } from '../domain/recommendation';
import { PersonalizeUnavailableError, type PersonalizeList } from '../ports/personalize.port';
import { blend } from './blend.recommender';

type Served = Exclude<Strategy, 'AUTO'>;

/**
 * What each strategy is served by, in order: the first whose lists are there serves. The
 * order is data: BLENDED falls back to the baseline part of the blend, PERSONALIZE to the
 * baseline, and the baseline (whose cold-start lists are popularity) to nothing else.
 */
export const FALLBACK_ORDER: Readonly<Record<Served, readonly Served[]>> = {
  BLENDED: ['BLENDED', 'BASELINE'],
  PERSONALIZE: ['PERSONALIZE', 'BASELINE'],
  BASELINE: ['BASELINE'],
};

/**
 * The strategy to attempt: AUTO is BLENDED when Personalize is configured (until experiments
 * decide), else BASELINE; PERSONALIZE and BLENDED without Personalize are the baseline's.
 */
export function resolveStrategy(requested: Strategy, personalizeConfigured: boolean): Served {
  if (requested === 'AUTO') return personalizeConfigured ? 'BLENDED' : 'BASELINE';
  return personalizeConfigured ? requested : 'BASELINE';
}

export interface Candidates {
  readonly personalize: RankedItem[] | undefined;
  readonly baseline: RankedItem[] | undefined;
  /** Personalize's answer: its list, the reason it could not answer, or undefined when it was not asked. */
  readonly answer: PersonalizeList | PersonalizeUnavailableError | undefined;
  /** How many items the list needs: a Personalize list left shorter (seen items dropped) is completed by the baseline's. */
  readonly limit?: number;
}

/** Which list is served, and why: the first strategy of the attempted one's order that has its lists, with the precise reason for any fallback. */
export function chooseServed(requested: Strategy, attempted: Served, candidates: Candidates, personalizeWeight: number): { ranked: RankedItem[]; strategyServed: Served; fallbackReason: FallbackReason | undefined } {
  for (const strategy of FALLBACK_ORDER[attempted]) {
    const ranked = listOf(strategy, candidates, personalizeWeight);
    if (!ranked) continue;
    if (strategy === attempted && strategy !== 'BASELINE') return { ranked, strategyServed: strategy, fallbackReason: undefined };
    // Served by a later one: Personalize failed (its reason), or is not configured.
    const answer = candidates.answer;
    const fallbackReason = answer instanceof PersonalizeUnavailableError ? answer.reason : attempted !== requested && requested !== 'AUTO' ? 'NOT_CONFIGURED' : undefined;
    return { ranked, strategyServed: strategy, fallbackReason };
  }
  return { ranked: [], strategyServed: 'BASELINE', fallbackReason: candidates.answer instanceof PersonalizeUnavailableError ? candidates.answer.reason : undefined };
}

function listOf(strategy: Served, candidates: Candidates, personalizeWeight: number): RankedItem[] | undefined {
  switch (strategy) {
    case 'BLENDED':
      return candidates.personalize && candidates.baseline ? blend(candidates.personalize, candidates.baseline, personalizeWeight) : undefined;
    case 'PERSONALIZE':
      return candidates.personalize && completed(candidates.personalize, candidates.baseline, candidates.limit ?? 0);
    case 'BASELINE':
      return candidates.baseline;
  }
}

/** Personalize's list, then the baseline's items it lacks, up to `limit` (the baseline's keep their own source and reasons). */
function completed(personalize: RankedItem[], baseline: readonly RankedItem[] | undefined, limit: number): RankedItem[] {
  if (personalize.length >= limit || !baseline) return personalize;
  const taken = new Set(personalize.map((item) => item.itemId));
  return [...personalize, ...baseline.filter((item) => !taken.has(item.itemId)).slice(0, limit - personalize.length)];
}
