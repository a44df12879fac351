import type { Strategy } from './recommendation';

/** AB: each user in one variant; INTERLEAVING: two strategies mixed in one list (team draft); BANDIT: Thompson sampling shifts users to the variant that earns clicks. */
export const EXPERIMENT_KINDS = ['AB', 'INTERLEAVING', 'BANDIT'] as const;
export type ExperimentKind = (typeof EXPERIMENT_KINDS)[number];

export const EXPERIMENT_STATUSES = ['DRAFT', 'RUNNING', 'STOPPED'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

export interface ExperimentVariant {
  readonly name: string;
  /** BASELINE, PERSONALIZE or BLENDED (not AUTO: AUTO is what the experiment decides). */
  readonly strategy: Exclude<Strategy, 'AUTO'>;
  /** BLENDED's weight of Personalize, when the variants differ in it. */
  readonly personalizeWeight: number | undefined;
  /** AB: share of users, relative to the other variants (default 1). */
  readonly weight: number;
}

export interface Experiment {
  readonly id: string;
  readonly name: string;
  readonly kind: ExperimentKind;
  readonly variants: readonly ExperimentVariant[];
  readonly status: ExperimentStatus;
  readonly createdAt: number;
  readonly startedAt: number | undefined;
  readonly stoppedAt: number | undefined;
}

/** What a served list records of the experiment that shaped it. */
export interface ExperimentExposure {
  readonly experimentId: string;
  /** The variant served; for an interleaved list, "INTERLEAVED" and each item's team in `teams`. */
  readonly variant: string;
  readonly teams?: Readonly<Record<string, string>>;
}

/** The variant name of an interleaved list (its items carry their own). */
export const INTERLEAVED = 'INTERLEAVED';
