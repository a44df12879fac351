import type { RankedItem, Reason, RecommendationSource } from '../domain/recommendation';
import type { HistoryEntry } from '../domain/model-artefacts';
import { idOfIndex, internedCount } from './item-index';
import { grow } from '../support/typed-buffer';
import { becauseReason } from './ranked-items';
import { topIndexes, type ScoredCandidates } from './scored-candidates';

/** One model's part of a blend: its candidates for the user and its weight. */
export interface BlendPart {
  readonly source: RecommendationSource;
  readonly weight: number;
  readonly candidates: ScoredCandidates;
}

const work = { stamp: 0, seen: new Int32Array(0), scores: new Float64Array(0), lead: new Float64Array(0), leader: new Int32Array(0), because: new Int32Array(0), touched: new Int32Array(0) };

/**
 * The blend of several models' candidates: each candidate's weighted sum of its normalised
 * scores, plus a little popularity (by index) to break what the models cannot tell apart;
 * only candidates some model scores above 0 are kept. The source is the part that
 * contributed most; the explanation that part's history item, else another part's, else —
 * when user-kNN is the only link — "people like you".
 */
export function fuseParts(parts: readonly BlendPart[], history: readonly HistoryEntry[], popularity: Float64Array, popularityWeight: number, count: number): RankedItem[] {
  const size = internedCount();
  if (work.seen.length < size) {
    work.seen = grow(work.seen, size);
    work.scores = grow(work.scores, size);
    work.lead = grow(work.lead, size);
    work.leader = grow(work.leader, size);
    work.because = grow(work.because, size);
    work.touched = grow(work.touched, size);
  }
  const stamp = ++work.stamp;
  const { seen, scores, lead, leader, because, touched } = work;
  let found = 0;
  parts.forEach((part, p) => {
    if (!(part.weight > 0)) return;
    const { indexes, scores: partScores, because: partBecause } = part.candidates;
    for (let k = 0; k < indexes.length; k++) {
      const index = indexes[k] as number;
      const contribution = part.weight * (partScores[k] as number);
      if (seen[index] !== stamp) {
        seen[index] = stamp;
        scores[index] = 0;
        lead[index] = -1;
        leader[index] = -1;
        because[index] = -1;
        touched[found++] = index;
      }
      scores[index] = (scores[index] as number) + contribution;
      const explained = (partBecause[k] as number) >= 0;
      // The leading part names the source; a history item from any part beats none.
      if (contribution > (lead[index] as number)) {
        lead[index] = contribution;
        leader[index] = p;
        if (explained || (because[index] as number) < 0) because[index] = partBecause[k] as number;
      } else if (explained && (because[index] as number) < 0) {
        because[index] = partBecause[k] as number;
      }
    }
  });
  for (let k = 0; k < found; k++) {
    const index = touched[k] as number;
    const cf = scores[index] as number;
    scores[index] = cf > 0 ? cf + popularityWeight * (popularity[index] ?? 0) : 0;
  }
  const top = topIndexes(touched, found, scores, count);
  return Array.from(top, (index): RankedItem => {
    const score = scores[index] as number;
    const source = parts[leader[index] as number]?.source ?? 'BASELINE';
    const entry = history[because[index] as number];
    const reasons: Reason[] = entry ? [becauseReason(entry, source)] : source === 'USER_KNN' ? [{ kind: 'SIMILAR_USERS' }] : [];
    return { itemId: idOfIndex(index), score, source, reasons };
  });
}
