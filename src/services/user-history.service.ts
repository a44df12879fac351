import type { Interaction } from '../domain/interaction';
import type { Page } from '../domain/page';
import type { UserId } from '../domain/user';
import type { InteractionStore } from '../ports/interaction-store.port';
import { pageRequest, withCursorArgument } from './page-request';

export class UserHistoryService {
  constructor(private readonly interactions: InteractionStore) {}

  /** The user's interactions, newest first. */
  history(userId: UserId, first: number | null | undefined, after: string | null | undefined): Promise<Page<Interaction>> {
    const page = pageRequest(first, after);
    return withCursorArgument(() => this.interactions.listHistory(userId, page));
  }
}
