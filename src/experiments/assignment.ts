import { createHash } from 'node:crypto';

/**
 * A number in [0, 1) fixed by its parts: the same user in the same experiment always lands in
 * the same place, whatever server answers, with no stored assignment.
 */
export function unitHash(...parts: readonly string[]): number {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** The variant a user is in: buckets by weight (equal by default). */
export function assignVariant(userId: string, experimentId: string, weights: readonly number[]): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (weights.length === 0 || !(total > 0)) throw new Error('an experiment needs variants with positive weights');
  let point = unitHash(experimentId, userId) * total;
  for (let index = 0; index < weights.length; index++) {
    point -= weights[index] ?? 0;
    if (point < 0) return index;
  }
  return weights.length - 1;
}
