/** Newest history items whose neighbours make a user's candidates (three BatchGetItem calls in parallel: one round). */
export const SERVING_HISTORY_WINDOW = 1000;
/** History items read to exclude what the user has seen (one Query, ids only). */
export const SEEN_WINDOW = 1000;
