import { Controller, Get, Header, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { dirname, join } from 'node:path';
import { ServedBy } from '../../http/resource';
import { AdminApiDocument } from './admin-api-document';
import { SWAGGER_UI_PAGE, SWAGGER_UI_INIT } from './swagger-ui-page';

/** The swagger-ui files served from the `swagger-ui-dist` package (no CDN). */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'oauth2-redirect.html': 'text/html; charset=utf-8',
  'oauth2-redirect.js': 'text/javascript; charset=utf-8',
};

function swaggerUiDir(): string {
  return dirname(require.resolve('swagger-ui-dist/package.json'));
}

/**
 * `GET /api/spec.json` (the admin API's OpenAPI document) and the swagger-ui reference at
 * `/api/doc/` (MAS admin/mod.rs, templates/swagger/*), on listeners serving `adminapi`.
 */
@Controller('api')
@ServedBy('adminapi')
@ApiExcludeController()
export class ApiDocController {
  constructor(private readonly document: AdminApiDocument) {}

  @Get('spec.json')
  spec() {
    return this.document.get();
  }

  @Get('doc')
  page(@Req() req: Request, @Res() res: Response) {
    // The page's assets are relative to `/api/doc/`.
    if (!req.path.endsWith('/')) {
      res.redirect(302, 'doc/');
      return;
    }
    res.type('text/html; charset=utf-8').send(SWAGGER_UI_PAGE);
  }

  @Get('doc/init.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  init() {
    return SWAGGER_UI_INIT;
  }

  @Get('doc/oauth2-callback')
  callback(@Res() res: Response) {
    res.type('text/html; charset=utf-8').sendFile(join(swaggerUiDir(), 'oauth2-redirect.html'));
  }

  @Get('doc/:asset')
  asset(@Param('asset') asset: string, @Res() res: Response) {
    const type = ASSETS[asset];
    if (type === undefined) throw new NotFoundException();
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type(type).sendFile(join(swaggerUiDir(), asset));
  }
}
