import { type INestApplication, Injectable } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { UrlBuilder } from '../../http/url-builder';
import { MAS_ADMIN_SCOPE } from '../../scopes/scope';
import { appVersion } from '../server/app-version';

const TAGS: [string, string][] = [
  ['server', 'Information about the server'],
  ['compat-session', 'Manage compatibility sessions from legacy clients'],
  ['oauth2-client', 'Manage OAuth 2.0 clients'],
  ['oauth2-session', 'Manage OAuth2 sessions'],
  ['personal-session', 'Manage personal sessions and their access tokens'],
  ['user', 'Manage users'],
  ['user-email', 'Manage emails associated with users'],
  ['user-session', 'Manage browser sessions of users'],
  ['user-registration-token', 'Manage user registration tokens'],
  [
    'upstream-oauth-link',
    'Manage links between local users and identities from upstream OAuth 2.0 providers',
  ],
  ['upstream-oauth-provider', 'Manage upstream OAuth 2.0 providers'],
];

/**
 * The admin API's OpenAPI 3.1 document, generated once from the controllers' decorators
 * (MAS admin/mod.rs builds it with aide), and served with `servers` set to `public_base`.
 */
@Injectable()
export class AdminApiDocument {
  private document: OpenAPIObject | null = null;

  constructor(private readonly urls: UrlBuilder) {}

  /** Generates the document from the admin controllers of `app` (once, after init). */
  build(app: INestApplication, adminModule: Function): void {
    const builder = new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle('Matrix Authentication Service admin API')
      .setVersion(appVersion())
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          description: 'An access token with access to the admin API',
        },
        'token',
      )
      .addOAuth2(
        {
          type: 'oauth2',
          flows: {
            clientCredentials: {
              tokenUrl: this.urls.absolute('oauth2/token'),
              scopes: { [MAS_ADMIN_SCOPE]: 'Grant access to the admin API' },
            },
            authorizationCode: {
              authorizationUrl: this.urls.absolute('authorize'),
              tokenUrl: this.urls.absolute('oauth2/token'),
              scopes: { [MAS_ADMIN_SCOPE]: 'Grant access to the admin API' },
            },
          },
        },
        'oauth2',
      )
      .addSecurityRequirements('oauth2', [MAS_ADMIN_SCOPE]);
    for (const [name, description] of TAGS) builder.addTag(name, description);
    const document = SwaggerModule.createDocument(app, builder.build(), {
      include: [adminModule],
      operationIdFactory: (_controller, method) => method,
    });
    // MAS sets `servers` to the HTTP base URL (admin/mod.rs).
    document.servers = [{ url: this.urls.publicBase }];
    this.document = document;
  }

  /** The document; throws before {@link build}. */
  get(): OpenAPIObject {
    if (!this.document) throw new Error('the admin API document is not built yet');
    return this.document;
  }
}
