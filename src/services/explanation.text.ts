import type { InteractionType } from '../domain/interaction';
import type { Reason } from '../domain/recommendation';

const VERBS: Partial<Record<InteractionType, string>> = {
  PURCHASE: 'bought',
  LIKE: 'liked',
  VIEW: 'viewed',
  CLICK: 'viewed',
};

/** The sentence shown under an item ("Because you watched Alien"), ready for a client to display. */
export function explanationText(reason: Reason, becauseOfTitle: string | undefined): string {
  switch (reason.kind) {
    case 'BECAUSE_YOU_WATCHED':
      return `Because you ${VERBS[reason.becauseOfType ?? 'WATCH'] ?? 'watched'} ${becauseOfTitle ?? 'something similar'}`;
    case 'POPULAR':
      return reason.category ? `Popular in ${reason.category}` : 'Popular right now';
    case 'TRENDING':
      return reason.category ? `Trending in ${reason.category}` : 'Trending now';
    case 'NEW_ARRIVAL':
      return reason.category ? `New in ${reason.category}` : 'New arrival';
    case 'MATCHES_INTERESTS':
      return reason.category ? `Matches your interest in ${reason.category}` : 'Matches your interests';
    case 'PROMOTED':
      return 'Promoted';
    case 'EXPLORATION':
      return 'Something new to explore';
  }
}
