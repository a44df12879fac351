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
});
