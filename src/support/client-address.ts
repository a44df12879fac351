import { isIPv4, isIPv6 } from 'node:net';

/**
 * The rate-limit key of a client known only by its address: an IPv4 address as it is (an
 * IPv4-mapped IPv6 address too), an IPv6 address by its /64 — one subscriber's whole prefix,
 * since a host can pick any of its 2^64 addresses at will.
 */
export function clientBucket(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return 'unknown';
  const [head = '', tail = ''] = address.split('%')[0]?.split('::') ?? [];
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((group) => (Number.parseInt(group, 16) || 0).toString(16))
    .join(':')}::/64`;
}

/** Whether a peer address is this machine (127.0.0.0/8, ::1, or their IPv4-mapped forms). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = /^(?:::ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (v4) return v4.startsWith('127.');
  return address === '::1';
}
