import type { Gateway } from '../container';
import { RefusedError, type Credentials } from '../domain/admission';
import { ForbiddenError } from '../domain/errors';
import { isAdmin } from '../domain/viewer';
import { dashboardHtml } from './dashboard.html';
import { readersOf } from '../graphql/request-context';

/** Users compared in the dashboard's strategy report (the CLI takes all). */
const DASHBOARD_SAMPLE = 50;
/** Experiments shown, newest first (the running one among them). */
const DASHBOARD_EXPERIMENTS = 5;

/** The dashboard for an admin's credentials: the strategy report of a sample and the latest experiments. RefusedError when they are not let in, ForbiddenError for others than admins. */
export async function dashboardContent(container: Pick<Gateway, 'admission' | 'reportService' | 'experimentService' | 'createContext'>, credentials: Credentials): Promise<string> {
  const { viewer, refusal } = await container.admission.admit(credentials);
  if (refusal) throw new RefusedError(refusal);
  if (!isAdmin(viewer)) throw new ForbiddenError('This dashboard is for admins (Cognito group "admin").');
  const [report, experiments] = await Promise.all([
    container.reportService.report({ k: 10, sample: DASHBOARD_SAMPLE }, () => readersOf(container.createContext({ viewer }))),
    container.experimentService.list(),
  ]);
  const shown = experiments.sort((a, b) => Number(b.status === 'RUNNING') - Number(a.status === 'RUNNING')).slice(0, DASHBOARD_EXPERIMENTS);
  return dashboardHtml(report, await Promise.all(shown.map((experiment) => container.experimentService.results(experiment.id))));
}
