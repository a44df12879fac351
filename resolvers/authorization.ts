import { ForbiddenError } from '../src/domain/errors';
import { isAdmin, type Viewer } from '../src/domain/viewer';

/**
 * Whose data a request is about: the viewer's own, unless an admin names someone. Anyone else
 * naming another user is refused here, before any read, so a refusal costs no storage call.
 */
export function subjectOf(viewer: Viewer, named: string | null | undefined): string | undefined {
  if (named === null || named === undefined || named === viewer.userId) return viewer.userId;
  if (isAdmin(viewer)) return named;
  throw new ForbiddenError('Only admins may name another user; leave the user out to get your own.');
}

/** Admin operations (imports, reports, experiments). */
export function requireAdmin(viewer: Viewer): void {
  if (!isAdmin(viewer)) throw new ForbiddenError('This operation is for admins (Cognito group "admin").');
}
