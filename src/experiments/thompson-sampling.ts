import { SeededRandom } from '../support/seeded-random';

/** Clicks and impressions of one arm so far. */
export interface ArmStats {
  readonly clicks: number;
  readonly impressions: number;
}

/**
 * Thompson sampling over click-through: each arm's CTR is Beta(1 + clicks, 1 + impressions −
 * clicks); draw one value per arm and take the best. With `random` seeded by the user and the
 * time window, a user gets the same arm throughout the window (no two variants in a session),
 * while traffic as a whole shifts to the arm that earns more clicks.
 */
export function thompsonChoice(arms: readonly ArmStats[], random: SeededRandom): number {
  let best = 0;
  let bestDraw = -1;
  arms.forEach((arm, index) => {
    const draw = betaSample(1 + arm.clicks, 1 + Math.max(0, arm.impressions - arm.clicks), random);
    if (draw > bestDraw) {
      bestDraw = draw;
      best = index;
    }
  });
  return best;
}

/**
 * For each arm, the probability that its true CTR is the highest, under the same Beta
 * posteriors, by Monte Carlo (`draws` joint samples, seeded so reports are stable).
 */
export function probabilityBest(arms: readonly ArmStats[], draws = 10_000, seed = 7): number[] {
  const random = new SeededRandom(seed);
  const wins = arms.map(() => 0);
  for (let n = 0; n < draws; n++) {
    const index = thompsonChoice(arms, random);
    wins[index] = (wins[index] ?? 0) + 1;
  }
  return wins.map((count) => count / draws);
}

/** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function betaSample(a: number, b: number, random: SeededRandom): number {
  const x = gammaSample(a, random);
  const y = gammaSample(b, random);
  return x / (x + y);
}

/** Gamma(shape, 1) by Marsaglia and Tsang (2000); shapes below 1 by the boost u^(1/shape). */
function gammaSample(shape: number, random: SeededRandom): number {
  if (shape < 1) return gammaSample(shape + 1, random) * Math.pow(Math.max(random.next(), Number.MIN_VALUE), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normalSample(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random.next();
    if (u < 1 - 0.0331 * x ** 4) return d * v;
    if (Math.log(Math.max(u, Number.MIN_VALUE)) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Standard normal by Box–Muller. */
function normalSample(random: SeededRandom): number {
  const u = Math.max(random.next(), Number.MIN_VALUE);
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
