/**
 * Newest distinct history items whose lists make a user's candidates: all that a request reads
 * to exclude what was seen (BatchGetItem calls of 100 in parallel: one round, and a process
 * keeps the rows it has read). On ml-latest-small a 300-item window cost EASE 5.6% of its
 * Recall@20 (its heaviest users have up to 2,698 items).
 */
export const SERVING_HISTORY_WINDOW = 1000;
/** History items read to exclude what the user has seen (one Query, ids only). */
export const SEEN_WINDOW = 1000;
