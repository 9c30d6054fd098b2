export { AccessTokenResolver, type ActiveAccessToken } from './access-token.resolver';
export { inactiveReason, type InactiveReason } from './access-token-activity';
export { AccessTokensModule } from './access-tokens.module';
export { presentedBearerToken, type BearerCarriers } from './bearer-token';
