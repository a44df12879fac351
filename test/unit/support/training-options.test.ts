import { UsageError, mixOverrideFrom } from '../../../scripts/support/training-options';

describe('--weights, the hand-set mix', () => {
  it('takes three, six or seven weights: the last the session\'s transitions', () => {
    expect(mixOverrideFrom({ weights: '1,0.5,0.02' })).toEqual({ weights: { ease: 1, knn: 0.5, popularity: 0.02 }, newArrivals: 'LITTLE_HISTORY' });
    expect(mixOverrideFrom({ weights: '1,0,0,0,0,1,2', 'new-arrivals': 'none' })).toEqual({ weights: { ease: 1, knn: 0, popularity: 0, svd: 0, rp3: 0, userKnn: 1, session: 2 }, newArrivals: 'NONE' });
    expect(mixOverrideFrom({})).toBeUndefined();
  });

  it('refuses other counts, negative weights and a mix of no model, saying what it takes', () => {
    for (const weights of ['1,1', '1,0,0,0,0,0,0,1', '1,-1,0', '0,0,0.5']) expect(() => mixOverrideFrom({ weights })).toThrow(UsageError);
    expect(() => mixOverrideFrom({ weights: '1,1' })).toThrow(/three \(E,K,P\), six \(E,K,P,S,R,U\) or seven \(E,K,P,S,R,U,T\)/);
  });
});
