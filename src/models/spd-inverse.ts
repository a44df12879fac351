/**
 * In-place inverse of a symmetric positive definite matrix (row-major, n × n) through its
 * Cholesky factor: A = L·Lᵀ, then L⁻¹, then A⁻¹ = L⁻ᵀ·L⁻¹. About n³/2 multiply-adds with
 * contiguous inner loops: 2000 × 2000 takes a few seconds in plain JavaScript, where a
 * general dense library takes a minute.
 */
export function invertSymmetricPositiveDefinite(a: Float64Array, n: number): Float64Array {
  // 1. Cholesky: L in the lower triangle.
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    let d = a[rowJ + j] ?? 0;
    for (let k = 0; k < j; k++) d -= (a[rowJ + k] ?? 0) * (a[rowJ + k] ?? 0);
    if (!(d > 0)) throw new Error(`matrix is not positive definite (pivot ${j})`);
    d = Math.sqrt(d);
    a[rowJ + j] = d;
    const inverse = 1 / d;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let s = a[rowI + j] ?? 0;
      for (let k = 0; k < j; k++) s -= (a[rowI + k] ?? 0) * (a[rowJ + k] ?? 0);
      a[rowI + j] = s * inverse;
    }
  }
  // 2. M = L⁻¹, lower triangular, computed row by row into the lower triangle.
  //    Row i of M: M[i][i] = 1/L[i][i]; M[i][j] = -(Σ_{k=j..i-1} L[i][k]·M[k][j]) / L[i][i].
  //    Kept in a separate buffer (transposed) so both operands of the inner loop are contiguous.
  const mT = new Float64Array(n * n); // mT[j*n + k] = M[k][j]
  for (let i = 0; i < n; i++) {
    const rowI = i * n;
    const diagonal = a[rowI + i] ?? 1;
    mT[i * n + i] = 1 / diagonal;
    for (let j = 0; j < i; j++) {
      let s = 0;
      const colJ = j * n;
      for (let k = j; k < i; k++) s += (a[rowI + k] ?? 0) * (mT[colJ + k] ?? 0);
      mT[colJ + i] = -s / diagonal;
    }
  }
  // 3. A⁻¹ = Mᵀ·M: (A⁻¹)[i][j] = Σ_{k ≥ max(i,j)} M[k][i]·M[k][j] = Σ_k mT[i][k]·mT[j][k].
  for (let i = 0; i < n; i++) {
    const rowI = i * n;
    for (let j = 0; j <= i; j++) {
      const rowJ = j * n;
      let s = 0;
      for (let k = i; k < n; k++) s += (mT[rowI + k] ?? 0) * (mT[rowJ + k] ?? 0);
      a[rowI + j] = s;
      a[rowJ + i] = s;
    }
  }
  return a;
}
