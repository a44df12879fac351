import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../src/context';
import type { Experiment } from '../src/domain/experiment';
import type { ExperimentService } from '../src/services/experiment.service';
import { CreateExperimentInput, ExperimentType, VariantResultType } from '../schema/experiment.type';
import { requireAdmin } from './authorization';

@Resolver(() => ExperimentType)
export class ExperimentResolver {
  constructor(private readonly service: ExperimentService) {}

  @Query(() => [ExperimentType], { description: 'Admins: every experiment, newest first.' })
  async experiments(@Ctx() context: RequestContext): Promise<ExperimentType[]> {
    requireAdmin(context.viewer);
    return (await this.service.list()).map(experimentToGraph);
  }

  @Mutation(() => ExperimentType, { description: 'Admins: a new experiment, as a DRAFT.' })
  async createExperiment(@Arg('input', () => CreateExperimentInput) input: CreateExperimentInput, @Ctx() context: RequestContext): Promise<ExperimentType> {
    requireAdmin(context.viewer);
    return experimentToGraph(await this.service.create({ name: input.name, kind: input.kind, variants: input.variants }));
  }

  @Mutation(() => ExperimentType, { description: 'Admins: start a DRAFT experiment; AUTO requests follow it from now on (one runs at a time: CONFLICT otherwise).' })
  async startExperiment(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<ExperimentType> {
    requireAdmin(context.viewer);
    return experimentToGraph(await this.service.start(id));
  }

  @Mutation(() => ExperimentType, { description: 'Admins: stop a RUNNING experiment; AUTO goes back to its default.' })
  async stopExperiment(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<ExperimentType> {
    requireAdmin(context.viewer);
    return experimentToGraph(await this.service.stop(id));
  }

  @FieldResolver(() => [VariantResultType], { nullable: true })
  async results(@Root() experiment: ExperimentType, @Ctx() context: RequestContext): Promise<VariantResultType[]> {
    requireAdmin(context.viewer);
    return (await this.service.results(experiment.id)).variants.map((variant) => ({ ...variant, ctr: { ...variant.ctr } }));
  }
}

function experimentToGraph(experiment: Experiment): ExperimentType {
  const date = (time: number | undefined) => (time === undefined ? null : new Date(time));
  return {
    id: experiment.id,
    name: experiment.name,
    kind: experiment.kind,
    status: experiment.status,
    variants: experiment.variants.map((variant) => ({ name: variant.name, strategy: variant.strategy, personalizeWeight: variant.personalizeWeight ?? null, weight: variant.weight })),
    createdAt: new Date(experiment.createdAt),
    startedAt: date(experiment.startedAt),
    stoppedAt: date(experiment.stoppedAt),
  };
}
