import type { Experiment, ExperimentStatus } from '../domain/experiment';

export interface ExperimentStore {
  create(experiment: Experiment): Promise<void>;
  get(id: string): Promise<Experiment | null>;
  list(): Promise<Experiment[]>;
  /** Moves an experiment from one status to the next; false when it was not in `from` (someone else moved it). */
  transition(id: string, from: ExperimentStatus, to: ExperimentStatus, at: number): Promise<boolean>;
}
