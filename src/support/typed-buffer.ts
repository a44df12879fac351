/** A typed buffer at least `size` long (doubling, at least 1,024), keeping what `old` held. */
export function grow<T extends Int32Array | Float64Array>(old: T, size: number): T {
  if (old.length >= size) return old;
  const next = new (old.constructor as new (length: number) => T)(Math.max(size, old.length * 2, 1024));
  next.set(old);
  return next;
}
