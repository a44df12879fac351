import { Arg, Authorized, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ExperimentService } from '../src/experiments/experiment.service';
import { CreateExperimentInput, ExperimentType, VariantResultType } from '../schema/experiment.type';
import { ADMIN_ROLE } from './authorization';
import { experimentToGraph } from './graphql.mappers';

@Resolver(() => ExperimentType)
export class ExperimentResolver {
  constructor(private readonly service: ExperimentService) {}

  @Authorized(ADMIN_ROLE)
  @Query(() => [ExperimentType], { description: 'Admins: every experiment, newest first.' })
  async experiments(): Promise<ExperimentType[]> {
    return (await this.service.list()).map(experimentToGraph);
  }

  @Authorized(ADMIN_ROLE)
  @Mutation(() => ExperimentType, { description: 'Admins: a new experiment, as a DRAFT.' })
  async createExperiment(@Arg('input', () => CreateExperimentInput) input: CreateExperimentInput): Promise<ExperimentType> {
    return experimentToGraph(await this.service.create({ name: input.name, kind: input.kind, variants: input.variants }));
  }

  @Authorized(ADMIN_ROLE)
  @Mutation(() => ExperimentType, { description: 'Admins: start a DRAFT experiment; AUTO requests follow it from now on (one runs at a time: CONFLICT otherwise).' })
  async startExperiment(@Arg('id', () => ID) id: string): Promise<ExperimentType> {
    return experimentToGraph(await this.service.start(id));
  }

  @Authorized(ADMIN_ROLE)
  @Mutation(() => ExperimentType, { description: 'Admins: stop a RUNNING experiment; AUTO goes back to its default.' })
  async stopExperiment(@Arg('id', () => ID) id: string): Promise<ExperimentType> {
    return experimentToGraph(await this.service.stop(id));
  }

  @Authorized(ADMIN_ROLE)
  @FieldResolver(() => [VariantResultType], { nullable: true })
  async results(@Root() experiment: ExperimentType): Promise<VariantResultType[]> {
    return (await this.service.results(experiment.id)).variants.map((variant) => ({ ...variant, ctr: { ...variant.ctr } }));
  }
}
