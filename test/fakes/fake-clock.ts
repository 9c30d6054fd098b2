import { Clock } from '../../src/core/clock';

/** A clock that only moves when told to. Starts at 2024-01-01T00:00:00Z unless given a date. */
export class FakeClock extends Clock {
  private current: number;

  constructor(start: Date = new Date('2024-01-01T00:00:00.000Z')) {
    super();
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(date: Date): void {
    this.current = date.getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
