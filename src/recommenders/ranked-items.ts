import type { HistoryEntry } from '../domain/model-artefacts';
import type { RankedItem, Reason, RecommendationSource } from '../domain/recommendation';
import { idOfIndex } from './item-index';
import type { ScoredCandidates } from './scored-candidates';

/** The reason a history item gives: of the current session when the session's model led, else of the history. */
export function becauseReason(entry: HistoryEntry, source?: RecommendationSource): Reason {
  return source === 'SESSION' ? { kind: 'BECAUSE_OF_SESSION', becauseOf: entry.itemId, becauseOfType: entry.type } : { kind: 'BECAUSE_OF_HISTORY', becauseOf: entry.itemId, becauseOfType: entry.type };
}

/** A model's candidates as ranked items, each explained by the history item that contributed most (or, for user-kNN, by similar users). */
export function rankedOf(candidates: ScoredCandidates, history: readonly HistoryEntry[], source: RecommendationSource): RankedItem[] {
  return Array.from(candidates.indexes, (_, k) => rankedAt(candidates, k, history, source));
}

/** The k-th candidate as a ranked item. */
export function rankedAt(candidates: ScoredCandidates, k: number, history: readonly HistoryEntry[], source: RecommendationSource): RankedItem {
  const because = history[candidates.because[k] ?? -1];
  const reasons: Reason[] = because ? [becauseReason(because, source)] : source === 'USER_KNN' ? [{ kind: 'SIMILAR_USERS' }] : [];
  return { itemId: idOfIndex(candidates.indexes[k] ?? -1), score: candidates.scores[k] ?? 0, source, reasons };
}
