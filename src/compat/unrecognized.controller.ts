import { All, Controller, Req, UseFilters } from '@nestjs/common';
import type { Request } from 'express';
import { ServedBy } from '../http/resource';
import { MatrixError } from './matrix-error';
import { MatrixErrorFilter } from './matrix-error.filter';

/** The compat endpoints (after any listener prefix) and the methods each accepts. */
const KNOWN_METHODS: ReadonlyArray<[RegExp, ReadonlySet<string>]> = [
  [/\/_matrix\/client\/[^/]+\/login\/?$/, new Set(['GET', 'POST'])],
  [/\/_matrix\/client\/[^/]+\/login\/sso\/redirect(\/[^/]+)?\/?$/, new Set(['GET'])],
  [/\/_matrix\/client\/[^/]+\/(logout|logout\/all|refresh)\/?$/, new Set(['POST'])],
];

/** 405 when the path is a compat endpoint but the method is not one it accepts, else 404. */
export function unrecognizedStatus(path: string, method: string): 404 | 405 {
  const known = KNOWN_METHODS.find(([pattern]) => pattern.test(path));
  return known && !known[1].has(method) ? 405 : 404;
}

/**
 * Every other request under `/_matrix/client/` that reaches mas-ts (a proxy routing too much,
 * or a wrong method): C-S spec "API standards" answers 404 `M_UNRECOGNIZED`, or 405
 * `M_UNRECOGNIZED` for a known endpoint with the wrong method. Registered after the real routes.
 */
@Controller('_matrix/client')
@ServedBy('compat')
@UseFilters(MatrixErrorFilter)
export class UnrecognizedController {
  @All('*path')
  unrecognized(@Req() req: Request): never {
    const status = unrecognizedStatus(req.path, req.method);
    throw new MatrixError(status, 'M_UNRECOGNIZED', 'Unrecognized request');
  }
}
