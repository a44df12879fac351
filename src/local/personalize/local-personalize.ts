import path from 'node:path';
import type { Container } from '../../container';
import { exportPersonalizeDatasets } from '../../exporters/personalize-export';
import { loadEmulatorModel } from './emulator-model.loader';
import { startPersonalizeEmulator } from './personalize-emulator.server';

const ACCOUNT = 'arn:aws:personalize:us-east-1:000000000000';

/** The resources the local Personalize serves under, as a real deployment would name them. */
export const LOCAL_PERSONALIZE = {
  userPersonalization: `${ACCOUNT}:campaign/recgate-local-user-personalization`,
  relatedItems: `${ACCOUNT}:campaign/recgate-local-sims`,
  ranking: `${ACCOUNT}:campaign/recgate-local-ranking`,
  trackingId: 'recgate-local-tracking',
} as const;

export interface LocalPersonalize {
  readonly endpoint: string;
  readonly campaignArn: string;
  readonly rankingArn: string;
  readonly relatedItemsArn: string;
  readonly interactions: number;
  close(): Promise<void>;
}

/**
 * For `npm start`: exports what storage holds as Personalize datasets (under the data
 * directory), trains the local Personalize's model from them, as the service trains from its
 * imports, and serves it.
 */
export async function startLocalPersonalize(container: Container, dataDir: string): Promise<LocalPersonalize> {
  const directory = path.join(dataDir, 'personalize-export');
  const files = await exportPersonalizeDatasets({ interactions: container.interactions, catalog: container.catalog, users: container.users }, directory);
  const emulator = await startPersonalizeEmulator({
    model: await loadEmulatorModel(directory),
    campaigns: {
      [LOCAL_PERSONALIZE.userPersonalization]: 'user-personalization',
      [LOCAL_PERSONALIZE.relatedItems]: 'sims',
      [LOCAL_PERSONALIZE.ranking]: 'personalized-ranking',
    },
    trackingIds: [LOCAL_PERSONALIZE.trackingId],
  });
  return {
    endpoint: emulator.endpoint,
    campaignArn: LOCAL_PERSONALIZE.userPersonalization,
    rankingArn: LOCAL_PERSONALIZE.ranking,
    relatedItemsArn: LOCAL_PERSONALIZE.relatedItems,
    interactions: files.find((file) => file.dataset === 'Interactions')?.rows ?? 0,
    close: () => emulator.close(),
  };
}
