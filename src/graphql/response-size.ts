import type { FormattedExecutionResult } from 'graphql';

/** What a client gets instead of an answer over the size cap: a clear error, never a stall. */
export function oversizedResult(bytes: number, maxBytes: number): FormattedExecutionResult {
  return {
    errors: [
      {
        message: `The response would be ${bytes} bytes, over the limit of ${maxBytes}: ask for fewer items (first, limit) or fewer fields.`,
        extensions: { code: 'RESPONSE_TOO_LARGE' },
      },
    ],
  };
}

/** The byte length of a response text when it is over the cap; undefined when it fits (a UTF-8 byte is at most 3 per UTF-16 unit, so short texts skip the count). */
function bytesOverCap(text: string, maxBytes: number): number | undefined {
  if (text.length * 3 <= maxBytes) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > maxBytes ? bytes : undefined;
}

/** Apollo's result serialiser with a cap: the one JSON serialisation of a response, and its byte length checked. */
export function cappedStringify(maxBytes: number): (value: FormattedExecutionResult) => string {
  return (value) => {
    const text = JSON.stringify(value);
    const bytes = bytesOverCap(text, maxBytes);
    return bytes === undefined ? text : JSON.stringify(oversizedResult(bytes, maxBytes));
  };
}

/** The same cap for a result sent over graphql-ws; undefined when it fits. */
export function oversizedWebSocketResult(value: FormattedExecutionResult, maxBytes: number): FormattedExecutionResult | undefined {
  const bytes = bytesOverCap(JSON.stringify(value), maxBytes);
  return bytes === undefined ? undefined : oversizedResult(bytes, maxBytes);
}
