/**
 * Base of every error a service throws on purpose. `code` is protocol-neutral; each surface maps
 * codes to its own wire format (RFC 6749 JSON, Matrix `errcode`, HTML page).
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
