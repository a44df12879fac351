/** The largest request body (HTTP and Lambda) or WebSocket message the gateway reads: 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

export const BODY_TOO_LARGE_MESSAGE = 'The request body is larger than the server accepts.';

/** GraphQL over HTTP: a POST body is application/json (a charset parameter allowed). */
export function isJsonContentType(contentType: string): boolean {
  return /^application\/json\s*(;|$)/i.test(contentType);
}

/** A refusal in the GraphQL error shape, for answers given before GraphQL runs. */
export function refusalBody(message: string, code: string): { errors: { message: string; extensions: { code: string } }[] } {
  return { errors: [{ message, extensions: { code } }] };
}

export const UNSUPPORTED_MEDIA_TYPE_MESSAGE = 'A GraphQL POST body must be application/json.';
