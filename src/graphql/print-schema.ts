import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildGatewaySchema } from './gateway-schema';

const HEADER = '# Emitted from the code by `npm run schema`; do not edit (a test fails when the two drift).\n\n';

/** The SDL of the gateway, sorted so that the file changes only when the schema does. */
export function printGatewaySchema(): string {
  return `${HEADER}${printSchema(lexicographicSortSchema(buildGatewaySchema()))}\n`;
}
