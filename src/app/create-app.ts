import type { RequestListener } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import express from 'express';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { MasConfig } from '../config';
import { setSecurityHeaders } from '../http/security-headers';
import { PinoNestLogger } from '../logging/pino-nest-logger';
import { createRequestLogger } from '../logging/request-logging';
import { AppModule } from './app.module';

export interface RunningApp {
  app: INestApplication;
  /** The request handler every listener dispatches into. */
  handler: RequestListener;
}

/** Builds and initialises the Nest application without binding any socket. */
export async function createApp(
  config: MasConfig,
  dataSource: DataSource,
  logger: Logger,
): Promise<RunningApp> {
  const server = express();
  server.disable('x-powered-by');
  // Only the configured proxies may set X-Forwarded-For (MAS `http.trusted_proxies`).
  server.set('trust proxy', config.http.trusted_proxies);
  server.use(createRequestLogger(logger));
  server.use(setSecurityHeaders);
  const app = await NestFactory.create(
    AppModule.register({ config, dataSource }),
    new ExpressAdapter(server),
    { logger: new PinoNestLogger(logger), bodyParser: true, abortOnError: false },
  );
  await app.init();
  return { app, handler: server as unknown as RequestListener };
}
