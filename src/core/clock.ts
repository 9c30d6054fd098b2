import { Injectable } from '@nestjs/common';

/** Source of the current time; the abstract class is the Nest DI token. */
export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date(Date.now());
  }
}
