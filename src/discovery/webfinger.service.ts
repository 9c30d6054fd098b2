import { Injectable } from '@nestjs/common';
import { DomainError } from '../core';
import { UrlBuilder } from '../http/url-builder';

/** OpenID Connect Discovery 1.0 §2: the relation naming an issuer. */
export const ISSUER_REL = 'http://openid.net/specs/connect/1.0/issuer';

export class InvalidWebfingerRequest extends DomainError {
  readonly code = 'invalid_request';
}

export interface Jrd {
  subject: string;
  links: { rel: string; href: string }[];
}

@Injectable()
export class WebfingerService {
  constructor(private readonly urls: UrlBuilder) {}

  /**
   * RFC 7033 §4: `resource` is required and must be a URI; the issuer link is returned when no
   * `rel` filter is given or one of the requested relations is the OIDC issuer relation (§4.3).
   */
  lookup(resource: unknown, rel: unknown): Jrd {
    if (typeof resource !== 'string' || resource.length === 0) {
      throw new InvalidWebfingerRequest('the resource parameter is required');
    }
    if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(resource)) {
      throw new InvalidWebfingerRequest('the resource parameter must be a URI');
    }
    const rels = rel === undefined ? [] : Array.isArray(rel) ? rel : [rel];
    if (rels.some((r) => typeof r !== 'string')) {
      throw new InvalidWebfingerRequest('the rel parameter must be a string');
    }
    const wantsIssuer = rels.length === 0 || rels.includes(ISSUER_REL);
    return {
      subject: resource,
      links: wantsIssuer ? [{ rel: ISSUER_REL, href: this.urls.issuer }] : [],
    };
  }
}
