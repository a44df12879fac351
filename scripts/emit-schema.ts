import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printGatewaySchema } from '../src/graphql/print-schema';

// Writes schema/schema.graphql from the code; a test fails when the committed file drifts.
const target = path.join(__dirname, '..', 'schema', 'schema.graphql');
writeFileSync(target, printGatewaySchema());
console.log(`schema: wrote ${path.relative(process.cwd(), target)}`);
