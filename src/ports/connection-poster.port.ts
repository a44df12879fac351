/** API Gateway's @connections management API: what the Lambda deployment sends its WebSocket clients. */
export interface ConnectionPoster {
  /** Sends one message; GONE when the connection no longer exists (API Gateway's 410). */
  post(connectionId: string, data: string): Promise<'SENT' | 'GONE'>;
  /** Closes the connection (API Gateway cannot send a close code: the client sees the socket end). */
  disconnect(connectionId: string): Promise<void>;
}
