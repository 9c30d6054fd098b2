import type { Response } from 'express';
import type { UserinfoAnswer } from './userinfo.service';

/** Writes a userinfo answer with its content type; it is never cached (it names the user). */
export function sendUserinfo(res: Response, answer: UserinfoAnswer): void {
  res.status(200).setHeader('Cache-Control', 'no-store');
  if (answer.contentType === 'application/json') {
    res.json(answer.body);
    return;
  }
  // A Buffer, so Express leaves `application/jwt` without a charset (RFC 7519 §10.3.1).
  res.setHeader('Content-Type', 'application/jwt');
  res.send(Buffer.from(answer.body, 'ascii'));
}
