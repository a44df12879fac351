import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { StrategyReportService } from '../src/services/strategy-report.service';
import { StrategyReportInput, StrategyReportType } from '../schema/strategy-report.type';
import { ADMIN_ROLE } from './authorization';
import { readersOf, type RequestContext } from '../src/graphql/request-context';
import { strategyReportToGraph } from './graphql.mappers';

@Resolver()
export class ReportResolver {
  constructor(private readonly reports: StrategyReportService) {}

  @Authorized(ADMIN_ROLE)
  @Query(() => StrategyReportType, { description: 'Admins: baseline against Personalize for all users, a sample or a segment (can take a while for many users).' })
  async strategyReport(@Arg('input', () => StrategyReportInput, { nullable: true }) input: StrategyReportInput | null, @Ctx() context: RequestContext): Promise<StrategyReportType> {
    const report = await this.reports.report(
      { ...(input?.k ? { k: input.k } : {}), ...(input?.sample ? { sample: input.sample } : {}), ...(input?.segment ? { segment: { attribute: input.segment.attribute, value: input.segment.value } } : {}) },
      () => readersOf(context),
    );
    return strategyReportToGraph(report);
  }
}
