import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PersonalizeConfig } from '../../config';
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
  /** `EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("*")` */
  unseenFilter: `${ACCOUNT}:filter/recgate-local-unseen`,
  /** `INCLUDE ItemID WHERE Items.GENRES IN ($GENRES)`; also what a local promotion can use. */
  categoryFilter: `${ACCOUNT}:filter/recgate-local-category`,
  /** Both of the above, joined with `|`. */
  unseenCategoryFilter: `${ACCOUNT}:filter/recgate-local-unseen-category`,
} as const;

/** The campaigns above with the recipe each stands for. */
export const LOCAL_CAMPAIGNS = {
  [LOCAL_PERSONALIZE.userPersonalization]: 'user-personalization',
  [LOCAL_PERSONALIZE.relatedItems]: 'sims',
  [LOCAL_PERSONALIZE.ranking]: 'personalized-ranking',
} as const;

/** The filters above as the emulator applies them. */
export const LOCAL_FILTERS = {
  [LOCAL_PERSONALIZE.unseenFilter]: { excludeSeen: true },
  [LOCAL_PERSONALIZE.categoryFilter]: { excludeSeen: false, categoryParameter: 'GENRES' },
  [LOCAL_PERSONALIZE.unseenCategoryFilter]: { excludeSeen: true, categoryParameter: 'GENRES' },
} as const;

export interface LocalPersonalize {
  readonly endpoint: string;
  /** What the gateway is configured with to use it. */
  readonly settings: Pick<PersonalizeConfig, 'arn' | 'rankingArn' | 'relatedItemsArn' | 'endpoint' | 'trackingId' | 'filters'>;
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
    campaigns: LOCAL_CAMPAIGNS,
    filters: LOCAL_FILTERS,
    trackingIds: [LOCAL_PERSONALIZE.trackingId],
  });
  const local: LocalPersonalize = {
    endpoint: emulator.endpoint,
    settings: {
      arn: LOCAL_PERSONALIZE.userPersonalization,
      rankingArn: LOCAL_PERSONALIZE.ranking,
      relatedItemsArn: LOCAL_PERSONALIZE.relatedItems,
      endpoint: emulator.endpoint,
      trackingId: LOCAL_PERSONALIZE.trackingId,
      filters: { unseenArn: LOCAL_PERSONALIZE.unseenFilter, categoryArn: LOCAL_PERSONALIZE.categoryFilter, unseenCategoryArn: LOCAL_PERSONALIZE.unseenCategoryFilter, categoryParameter: 'GENRES' },
    },
    interactions: files.find((file) => file.dataset === 'Interactions')?.rows ?? 0,
    close: async () => {
      await rm(announcementFile(dataDir), { force: true });
      await emulator.close();
    },
  };
  await writeFile(announcementFile(dataDir), `${JSON.stringify(local.settings, null, 2)}\n`);
  return local;
}

/** The settings of the local Personalize a running `npm start` serves, for scripts (replay-events); undefined when none runs. */
export async function readLocalPersonalizeSettings(dataDir: string): Promise<LocalPersonalize['settings'] | undefined> {
  const text = await readFile(announcementFile(dataDir), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : (JSON.parse(text) as LocalPersonalize['settings']);
}

function announcementFile(dataDir: string): string {
  return path.join(dataDir, 'personalize-local.json');
}
