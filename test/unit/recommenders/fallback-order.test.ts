import type { RankedItem } from '../../../src/domain/recommendation';
import { PersonalizeUnavailableError } from '../../../src/ports/personalize.port';
import { chooseServed, FALLBACK_ORDER, resolveStrategy } from '../../../src/recommenders/fallback-order';

const item = (itemId: string, source: RankedItem['source']): RankedItem => ({ itemId, score: 1, source, reasons: [] });
const personalize = [item('p', 'PERSONALIZE')];
const baseline = [item('b', 'EASE')];
const answer = { recommendationId: 'RID', items: [] };

describe('the fallback order', () => {
  it('is data: each strategy, then the baseline', () => {
    expect(FALLBACK_ORDER).toEqual({ BLENDED: ['BLENDED', 'BASELINE'], PERSONALIZE: ['PERSONALIZE', 'BASELINE'], BASELINE: ['BASELINE'] });
  });

  it('attempts what is asked when Personalize is configured, the baseline when it is not; AUTO blends', () => {
    expect([resolveStrategy('AUTO', true), resolveStrategy('AUTO', false), resolveStrategy('PERSONALIZE', true), resolveStrategy('PERSONALIZE', false), resolveStrategy('BLENDED', false)]).toEqual([
      'BLENDED',
      'BASELINE',
      'PERSONALIZE',
      'BASELINE',
      'BASELINE',
    ]);
  });

  it.each([
    ['BLENDED served with both lists', 'BLENDED', 'BLENDED', { personalize, baseline, answer }, 'BLENDED', undefined],
    ['PERSONALIZE served by Personalize', 'PERSONALIZE', 'PERSONALIZE', { personalize, baseline: undefined, answer }, 'PERSONALIZE', undefined],
    ['BLENDED falling back with Personalize\'s reason', 'BLENDED', 'BLENDED', { personalize: undefined, baseline, answer: new PersonalizeUnavailableError('TIMEOUT', 'slow') }, 'BASELINE', 'TIMEOUT'],
    ['PERSONALIZE falling back with Personalize\'s reason', 'PERSONALIZE', 'PERSONALIZE', { personalize: undefined, baseline, answer: new PersonalizeUnavailableError('CIRCUIT_OPEN', 'open') }, 'BASELINE', 'CIRCUIT_OPEN'],
    ['PERSONALIZE asked but not configured', 'PERSONALIZE', 'BASELINE', { personalize: undefined, baseline, answer: undefined }, 'BASELINE', 'NOT_CONFIGURED'],
    ['AUTO without Personalize: no fallback', 'AUTO', 'BASELINE', { personalize: undefined, baseline, answer: undefined }, 'BASELINE', undefined],
    ['BASELINE asked', 'BASELINE', 'BASELINE', { personalize: undefined, baseline, answer: undefined }, 'BASELINE', undefined],
  ] as const)('%s', (_, requested, attempted, candidates, served, reason) => {
    const chosen = chooseServed(requested, attempted, candidates, 0.5);
    expect({ served: chosen.strategyServed, reason: chosen.fallbackReason }).toEqual({ served, reason });
  });

  it('completes a Personalize list left shorter than the limit with the baseline\'s items it lacks, and leaves a full one alone', () => {
    const short = [item('p1', 'PERSONALIZE'), item('b1', 'PERSONALIZE')];
    const rest = [item('b1', 'EASE'), item('b2', 'EASE'), item('b3', 'USER_KNN')];
    const completed = chooseServed('PERSONALIZE', 'PERSONALIZE', { personalize: short, baseline: rest, answer, limit: 3 }, 0.5);
    expect(completed.strategyServed).toBe('PERSONALIZE');
    expect(completed.ranked.map((entry) => [entry.itemId, entry.source])).toEqual([['p1', 'PERSONALIZE'], ['b1', 'PERSONALIZE'], ['b2', 'EASE']]);
    expect(chooseServed('PERSONALIZE', 'PERSONALIZE', { personalize: short, baseline: rest, answer, limit: 2 }, 0.5).ranked).toEqual(short);
  });
});
