import { SetMetadata } from '@nestjs/common';

/** MAS's listener resources (`http.listeners[].resources[].name`). */
export const RESOURCE_NAMES = [
  'discovery',
  'human',
  'oauth',
  'compat',
  'graphql',
  'assets',
  'adminapi',
  'health',
  'prometheus',
  'connection-info',
] as const;

export type ResourceName = (typeof RESOURCE_NAMES)[number];

export const SERVED_BY = 'mas:served-by';

/**
 * Declares which listener resource a controller belongs to. A route is reachable only on
 * listeners whose `resources` list that name; everywhere else it answers 404.
 */
export const ServedBy = (resource: ResourceName) => SetMetadata(SERVED_BY, resource);
