import type { IncomingMessage } from 'node:http';
import type { ResourceName } from './resource';

/** What a request knows about the listener that accepted it. */
export interface ListenerContext {
  name: string;
  resources: ReadonlySet<ResourceName>;
}

const LISTENER = Symbol('mas.listener');

type WithListener = IncomingMessage & { [LISTENER]?: ListenerContext };

export function attachListener(req: IncomingMessage, listener: ListenerContext): void {
  (req as WithListener)[LISTENER] = listener;
}

export function listenerOf(req: IncomingMessage): ListenerContext | undefined {
  return (req as WithListener)[LISTENER];
}
