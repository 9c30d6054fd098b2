import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { Encrypter, hashToken, Rng } from '../../core';

const CLIENT_SECRET_LENGTH = 40;
const REGISTRATION_TOKEN_LENGTH = 64;

/** Client secrets (RFC 7591 §3.2.1) and registration access tokens (RFC 7592 §3). */
@Injectable()
export class RegistrationCredentials {
  constructor(
    private readonly rng: Rng,
    private readonly encrypter: Encrypter,
  ) {}

  /** A fresh alphanumeric secret and its AES-GCM ciphertext; only the ciphertext is stored. */
  newClientSecret(): { secret: string; encrypted: string } {
    const secret = this.rng.alphanumeric(CLIENT_SECRET_LENGTH);
    return { secret, encrypted: this.encrypter.encrypt(secret) };
  }

  revealClientSecret(encrypted: string): string {
    return this.encrypter.decryptString(encrypted);
  }

  /** A fresh registration access token and its SHA-256, the only form stored. */
  newRegistrationToken(): { token: string; hash: Buffer } {
    const token = this.rng.alphanumeric(REGISTRATION_TOKEN_LENGTH);
    return { token, hash: hashToken(token) };
  }

  /** Constant-time comparison of a presented token with the stored hash. */
  registrationTokenMatches(presented: string, stored: Buffer | null): boolean {
    if (stored === null || stored.length !== 32) return false;
    return timingSafeEqual(hashToken(presented), stored);
  }
}
