/** Builds the absolute URLs the service advertises, from `http.public_base` and `http.issuer`. */
export class UrlBuilder {
  readonly publicBase: string;
  readonly issuer: string;

  constructor(publicBase: string, issuer: string) {
    this.publicBase = withTrailingSlash(publicBase);
    this.issuer = withTrailingSlash(issuer);
  }

  /** `path` (without a leading slash) resolved under `public_base`, prefix included. */
  absolute(path: string): string {
    return new URL(path.replace(/^\/+/, ''), this.publicBase).toString();
  }
}

export function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
