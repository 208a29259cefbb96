/**
 * `npm start`: renders the practice audio if it is missing, starts the local server and prints
 * one line with the URL. Ctrl-C (or SIGTERM) lets running requests finish and closes the database
 * so every saved place is on disk before the process exits.
 */
import { readLocalConfig } from './local-config';
import { missingAudio, renderPracticeAudio } from './practice-audio';
import { startLocalServer } from './server';

async function main(): Promise<void> {
  const config = readLocalConfig();
  const missing = missingAudio(config.audioDir);
  if (missing) {
    console.error(`audio: ${missing}; rendering the practice first (only needed once)`);
    await renderPracticeAudio(config.audioDir);
  }
  const server = await startLocalServer(config);
  if (server.outdatedAudio.length) {
    console.error(`audio: ${server.outdatedAudio.length} segment(s) predate the current practice text; npm run audio refreshes them`);
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    console.error(`${signal}: finishing running requests and closing the database`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  console.log(`Spine Nidra is ready: open ${server.url} (Alexa endpoint: POST ${server.url}alexa)`);
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
