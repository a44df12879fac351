import type { WebSocket } from 'ws';
import { ViewerSocketCount } from '../../../src/entry/viewer-socket-count';

/** Sockets are only keys here: plain objects stand in for them. */
const socket = () => ({}) as WebSocket;

describe('open sockets per viewer', () => {
  it('admits up to the limit per key, frees a place on close, and ignores sockets it never counted', () => {
    const count = new ViewerSocketCount(2);
    const [a, b, c] = [socket(), socket(), socket()];
    expect(count.admit(a, 'bob')).toBe(true);
    expect(count.admit(b, 'bob')).toBe(true);
    expect(count.admit(c, 'bob')).toBe(false);
    expect(count.admit(c, 'alice')).toBe(true);
    // Counting a socket again (a second init) takes no second place.
    expect(count.admit(a, 'bob')).toBe(true);
    count.release(socket());
    count.release(a);
    count.release(a);
    const d = socket();
    expect(count.admit(d, 'bob')).toBe(true);
    expect(count.admit(socket(), 'bob')).toBe(false);
  });
});
