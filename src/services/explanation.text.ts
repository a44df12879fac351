import type { InteractionType } from '../domain/interaction';
import type { ExplanationKind, Reason } from '../domain/recommendation';

/** What the user did with the item a history reason names: its kind and the verb of its text. */
const HISTORY: Readonly<Record<InteractionType, { readonly kind: ExplanationKind; readonly verb: string }>> = {
  WATCH: { kind: 'BECAUSE_YOU_WATCHED', verb: 'watched' },
  VIEW: { kind: 'BECAUSE_YOU_VIEWED', verb: 'viewed' },
  CLICK: { kind: 'BECAUSE_YOU_VIEWED', verb: 'viewed' },
  LIKE: { kind: 'BECAUSE_YOU_LIKED', verb: 'liked' },
  PURCHASE: { kind: 'BECAUSE_YOU_BOUGHT', verb: 'bought' },
  RATE: { kind: 'BECAUSE_YOU_RATED', verb: 'rated' },
  OTHER: { kind: 'BECAUSE_OF_YOUR_HISTORY', verb: '' },
};

/** The kind and the sentence shown under an item ("Because you watched Alien"), ready for a client to display. */
export function explanationOf(reason: Reason, becauseOfTitle: string | undefined): { kind: ExplanationKind; text: string } {
  switch (reason.kind) {
    case 'BECAUSE_OF_HISTORY': {
      const { kind, verb } = HISTORY[reason.becauseOfType ?? 'OTHER'];
      const title = becauseOfTitle ?? 'something similar';
      return { kind, text: verb ? `Because you ${verb} ${title}` : `Because of ${title} in your history` };
    }
    case 'BECAUSE_OF_SESSION':
      return { kind: 'BECAUSE_YOU_JUST_VIEWED', text: `Because you just viewed ${becauseOfTitle ?? 'something similar'}` };
    case 'SIMILAR_USERS':
      return { kind: reason.kind, text: 'Liked by people whose history is like yours' };
    case 'POPULAR':
      return { kind: reason.kind, text: reason.category ? `Popular in ${reason.category}` : 'Popular right now' };
    case 'TRENDING':
      return { kind: reason.kind, text: reason.category ? `Trending in ${reason.category}` : 'Trending now' };
    case 'NEW_ARRIVAL':
      return { kind: reason.kind, text: reason.category ? `New in ${reason.category}` : 'New arrival' };
    case 'MATCHES_INTERESTS':
      return { kind: reason.kind, text: reason.category ? `Matches your interest in ${reason.category}` : 'Matches your interests' };
    case 'PROMOTED':
      return { kind: reason.kind, text: 'Promoted' };
    case 'EXPLORATION':
      return { kind: reason.kind, text: 'Something new to explore' };
  }
}
