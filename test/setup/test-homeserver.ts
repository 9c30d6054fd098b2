import { RecordingHomeserver } from '../fakes/recording-homeserver';

let shared: Promise<RecordingHomeserver> | undefined;

/**
 * The homeserver of every test config unless a test names its own: one cooperative recording
 * fake per test process (each test file runs in its own process), started on first use and
 * never keeping the process alive. Tests that assert on homeserver traffic start their own
 * RecordingHomeserver instead, since this one is shared by every app of the file.
 */
export function defaultTestHomeserver(): Promise<RecordingHomeserver> {
  shared ??= RecordingHomeserver.start({ serverName: 'example.test', unref: true });
  return shared;
}
