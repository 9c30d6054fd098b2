export { TokenType } from './token-type';
export { generateToken, hashToken, parseToken, type ParsedToken } from './token';
