import type { WebSocket } from 'ws';

/**
 * Sockets one viewer may hold open on the standalone server: a signed-in user by their id,
 * anonymous visitors by their address's rate-limit bucket. Each open socket holds a file
 * descriptor and memory of the one process every client shares, so one client's thousands
 * would be everyone's refusals. Many tabs and devices of one user stay well under it.
 */
export const MAX_SOCKETS_PER_VIEWER = 50;

/** Counts open sockets per viewer key; a socket is counted from its admission to its close. */
export class ViewerSocketCount {
  private readonly open = new Map<string, number>();
  private readonly keys = new WeakMap<WebSocket, string>();

  constructor(private readonly limit: number = MAX_SOCKETS_PER_VIEWER) {}

  /** Counts the socket under `key`; false (nothing counted) when the key already holds `limit`. */
  admit(socket: WebSocket, key: string): boolean {
    if (this.keys.has(socket)) return true;
    const held = this.open.get(key) ?? 0;
    if (held >= this.limit) return false;
    this.open.set(key, held + 1);
    this.keys.set(socket, key);
    return true;
  }

  /** Forgets a closed socket (a socket never admitted is ignored). */
  release(socket: WebSocket): void {
    const key = this.keys.get(socket);
    if (key === undefined) return;
    this.keys.delete(socket);
    const held = (this.open.get(key) ?? 1) - 1;
    if (held > 0) this.open.set(key, held);
    else this.open.delete(key);
  }
}
