import type { AuthChecker } from 'type-graphql';
import type { RequestContext } from '../src/graphql/request-context';
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

/** The role of admin operations (reports, experiments, the model's selection): `@Authorized(ADMIN_ROLE)`. */
export const ADMIN_ROLE = 'admin';

/**
 * type-graphql's check of `@Authorized(...)`: the viewer must hold every role named (today
 * only ADMIN_ROLE, the Cognito group "admin"). A refusal is our FORBIDDEN, with its words,
 * raised before the resolver runs, so it costs no read.
 */
export const authChecker: AuthChecker<RequestContext> = ({ context }, roles) => {
  if (roles.some((role) => role !== ADMIN_ROLE)) throw new Error(`unknown roles in @Authorized: ${roles.join(', ')}`);
  if (roles.length > 0 && !isAdmin(context.viewer)) throw new ForbiddenError('This operation is for admins (Cognito group "admin").');
  return true;
};
