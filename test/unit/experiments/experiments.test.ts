import { SeededRandom } from '../../../src/support/seeded-random';
import { assignVariant, unitHash } from '../../../src/experiments/assignment';
import { teamDraftInterleave } from '../../../src/experiments/team-draft';
import { betaSample, probabilityBest, thompsonChoice, type ArmStats } from '../../../src/experiments/thompson-sampling';

const users = Array.from({ length: 10_000 }, (_, n) => `user-${n}`);

describe('experiment assignment', () => {
  it('puts a user in the same variant every time, and splits users by the weights', () => {
    expect(assignVariant('ann', 'exp-1', [1, 1])).toBe(assignVariant('ann', 'exp-1', [1, 1]));
    const even = users.filter((user) => assignVariant(user, 'exp-1', [1, 1]) === 1).length / users.length;
    expect(Math.abs(even - 0.5)).toBeLessThan(0.02);
    const weighted = users.filter((user) => assignVariant(user, 'exp-1', [3, 1]) === 0).length / users.length;
    expect(Math.abs(weighted - 0.75)).toBeLessThan(0.02);
    // Another experiment shuffles users independently of this one.
    const both = users.filter((user) => assignVariant(user, 'exp-1', [1, 1]) === 1 && assignVariant(user, 'exp-2', [1, 1]) === 1).length / users.length;
    expect(Math.abs(both - 0.25)).toBeLessThan(0.02);
    expect(unitHash('a', 'b')).not.toBe(unitHash('ab'));
  });
});

describe('team-draft interleaving', () => {
  it('takes each item once, from the team whose list holds it, the teams never more than one apart', () => {
    const first = Array.from({ length: 20 }, (_, n) => `a${n}`);
    const second = [...Array.from({ length: 10 }, (_, n) => `a${2 * n}`), ...Array.from({ length: 10 }, (_, n) => `b${n}`)];
    for (let seed = 1; seed <= 50; seed++) {
      const mixed = teamDraftInterleave(first, second, 10, new SeededRandom(seed));
      expect(mixed).toHaveLength(10);
      expect(new Set(mixed.map((entry) => entry.itemId)).size).toBe(10);
      for (const entry of mixed) expect((entry.team === 0 ? first : second).includes(entry.itemId)).toBe(true);
      for (let prefix = 2; prefix <= 10; prefix += 2) {
        const zeros = mixed.slice(0, prefix).filter((entry) => entry.team === 0).length;
        expect(Math.abs(prefix - 2 * zeros)).toBeLessThanOrEqual(0);
      }
    }
    // The same ranking twice gives that ranking.
    expect(teamDraftInterleave(first, first, 5, new SeededRandom(3)).map((entry) => entry.itemId)).toEqual(first.slice(0, 5));
  });
});

describe('Thompson sampling', () => {
  it('draws Beta samples with the right mean', () => {
    const random = new SeededRandom(11);
    const draws = Array.from({ length: 20_000 }, () => betaSample(2, 8, random));
    expect(Math.abs(draws.reduce((sum, value) => sum + value, 0) / draws.length - 0.2)).toBeLessThan(0.01);
  });

  it('moves most traffic to the arm with the higher true CTR in a simulated run', () => {
    const trueCtr = [0.04, 0.1];
    const stats: { clicks: number; impressions: number }[] = trueCtr.map(() => ({ clicks: 0, impressions: 0 }));
    const outcome = new SeededRandom(99);
    const exposures: number[][] = [];
    for (let epoch = 0; epoch < 40; epoch++) {
      // Posteriors are fixed for an epoch (a user keeps their arm within it), then updated.
      const snapshot: ArmStats[] = stats.map((arm) => ({ ...arm }));
      const counts = [0, 0];
      for (let user = 0; user < 500; user++) {
        const arm = thompsonChoice(snapshot, new SeededRandom(Math.floor(unitHash(`u${user}`, 'bandit', String(epoch)) * 2 ** 32)));
        counts[arm] = (counts[arm] ?? 0) + 1;
        const target = stats[arm];
        if (!target) continue;
        target.impressions++;
        if (outcome.next() < (trueCtr[arm] ?? 0)) target.clicks++;
      }
      exposures.push(counts);
    }
    const share = (from: number) => {
      const slice = exposures.slice(from);
      return slice.reduce((sum, counts) => sum + (counts[1] ?? 0), 0) / slice.reduce((sum, counts) => sum + (counts[0] ?? 0) + (counts[1] ?? 0), 0);
    };
    expect(share(0)).toBeGreaterThan(0.75);
    expect(share(30)).toBeGreaterThan(0.9);
    expect(probabilityBest(stats)[1]).toBeGreaterThan(0.99);
  });

  it('gives equal arms equal chances of being best', () => {
    const [first, second] = probabilityBest([{ clicks: 10, impressions: 100 }, { clicks: 10, impressions: 100 }]);
    expect(Math.abs((first ?? 0) - 0.5)).toBeLessThan(0.03);
    expect((first ?? 0) + (second ?? 0)).toBeCloseTo(1, 10);
  });
});
