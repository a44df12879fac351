import { parseArgs } from 'node:util';
import { withScriptContainer } from '../src/local/script-container';

const USAGE = `Usage: npm run replay-events

Sends Personalize the recorded events it did not take when they were recorded (Personalize
down, throttled, too slow), each with its own eventId, and marks them sent — so none is lost
and none is sent twice. Uses the configured event tracker (PERSONALIZE_TRACKING_ID) or the
local Personalize of a running npm start. npm start and the scheduled Lambda do the same
every minute / five minutes. Exit code 1 when some events are still pending.`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  return withScriptContainer(async (container, storage) => {
    if (!container.personalizeEvents) {
      console.error('replay-events: no Personalize event tracker: set PERSONALIZE_TRACKING_ID (or run npm start, whose local Personalize has one)');
      return 1;
    }
    const { forwarded, failed } = await container.eventService.replayAll();
    console.log(`replay-events: ${forwarded} events forwarded, ${failed} still pending (${storage})`);
    return failed > 0 ? 1 : 0;
  });
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(`replay-events: failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
