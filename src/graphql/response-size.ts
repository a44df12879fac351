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

/**
 * Apollo's result serialiser with a cap: the one JSON serialisation of a response, and its
 * byte length checked (a UTF-8 byte is at most 3 per UTF-16 unit, so short texts skip the count).
 */
export function cappedStringify(maxBytes: number): (value: FormattedExecutionResult) => string {
  return (value) => {
    const text = JSON.stringify(value);
    if (text.length * 3 <= maxBytes) return text;
    const bytes = Buffer.byteLength(text, 'utf8');
    return bytes <= maxBytes ? text : JSON.stringify(oversizedResult(bytes, maxBytes));
  };
}

/** The same cap for a result sent over graphql-ws; undefined when it fits. */
export function oversizedWebSocketResult(value: FormattedExecutionResult, maxBytes: number): FormattedExecutionResult | undefined {
  const text = JSON.stringify(value);
  if (text.length * 3 <= maxBytes) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes <= maxBytes ? undefined : oversizedResult(bytes, maxBytes);
}
