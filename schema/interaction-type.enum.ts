import { registerEnumType } from 'type-graphql';
import { INTERACTION_TYPES, type InteractionType } from '../src/domain/interaction';

export const InteractionTypeEnum = Object.fromEntries(INTERACTION_TYPES.map((type) => [type, type])) as {
  [K in InteractionType]: K;
};

registerEnumType(InteractionTypeEnum, {
  name: 'InteractionType',
  description: 'What the user did. Event types the gateway does not know are OTHER; eventType keeps the original name.',
});
