import { invertSymmetricPositiveDefinite } from '../../../src/models/spd-inverse';

describe('invertSymmetricPositiveDefinite', () => {
  it('inverts a symmetric positive definite matrix: A · A⁻¹ = I', () => {
    const n = 40;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = Math.sin(i * 7 + j * 3) * 0.5;
    for (let i = 0; i < n; i++) a[i * n + i] = (a[i * n + i] ?? 0) + n;
    const original = a.slice();
    invertSymmetricPositiveDefinite(a, n);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let k = 0; k < n; k++) sum += (original[i * n + k] ?? 0) * (a[k * n + j] ?? 0);
        worst = Math.max(worst, Math.abs(sum - (i === j ? 1 : 0)));
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('knows a 2 × 2 inverse by heart', () => {
    expect(Array.from(invertSymmetricPositiveDefinite(Float64Array.from([4, 2, 2, 3]), 2))).toEqual([0.375, -0.25, -0.25, 0.5].map((v) => expect.closeTo(v, 12)));
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(() => invertSymmetricPositiveDefinite(Float64Array.from([1, 2, 2, 1]), 2)).toThrow('not positive definite');
  });
});
