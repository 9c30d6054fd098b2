/**
 * An admin API error: an HTTP status and the chain of human-readable titles MAS puts in
 * `{"errors":[{"title": …}, …]}` (admin/response.rs `ErrorResponse`: the error, then its
 * sources).
 */
export class AdminApiError extends Error {
  readonly titles: string[];

  constructor(
    readonly status: number,
    title: string,
    ...sources: string[]
  ) {
    super(title);
    this.titles = [title, ...sources];
  }
}

export const badRequest = (title: string, ...sources: string[]) =>
  new AdminApiError(400, title, ...sources);
export const unauthorized = (title: string) => new AdminApiError(401, title);
export const notFound = (title: string) => new AdminApiError(404, title);
export const conflict = (title: string) => new AdminApiError(409, title);

/** MAS `RouteError::InvalidFilter` (400) with the reason as its source. */
export const invalidFilter = (reason: string) => badRequest('Invalid filter parameters', reason);

/** MAS `PaginationRejection::Invalid` (400) with the reason as its source. */
export const invalidPagination = (reason: string) =>
  badRequest('Invalid pagination parameters', reason);
