import type { ItemId } from '../domain/item';
import type { RankedItem, Reason, RecommendationSource } from '../domain/recommendation';

/** Reciprocal-rank fusion constant: how much the first places count more than the next. */
const FUSION_K = 10;

/**
 * BLENDED as a composition of two recommenders' lists: weighted reciprocal-rank fusion, each
 * item once: score = w / (k + rank in Personalize) + (1 − w) / (k + rank in the baseline). An
 * item both proposed is BOTH and keeps the explanations of both.
 */
export function blend(personalize: readonly RankedItem[], baseline: readonly RankedItem[], personalizeWeight: number): RankedItem[] {
  const fused = new Map<ItemId, { score: number; inPersonalize: boolean; inBaseline: boolean; reasons: Reason[] }>();
  const add = (list: readonly RankedItem[], weight: number, fromPersonalize: boolean): void => {
    list.forEach((item, index) => {
      const entry = fused.get(item.itemId) ?? { score: 0, inPersonalize: false, inBaseline: false, reasons: [] };
      entry.score += weight / (FUSION_K + index + 1);
      if (fromPersonalize) entry.inPersonalize = true;
      else entry.inBaseline = true;
      for (const reason of item.reasons) {
        if (!entry.reasons.some((known) => known.kind === reason.kind && known.becauseOf === reason.becauseOf && known.category === reason.category)) entry.reasons.push(reason);
      }
      fused.set(item.itemId, entry);
    });
  };
  add(personalize, personalizeWeight, true);
  add(baseline, 1 - personalizeWeight, false);
  return [...fused.entries()]
    .map(([itemId, entry]) => ({
      itemId,
      score: entry.score,
      source: (entry.inPersonalize && entry.inBaseline ? 'BOTH' : entry.inPersonalize ? 'PERSONALIZE' : 'BASELINE') as RecommendationSource,
      reasons: entry.reasons,
    }))
    .sort((a, b) => b.score - a.score || (a.itemId < b.itemId ? -1 : 1));
}
