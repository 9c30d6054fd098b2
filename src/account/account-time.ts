/** A time as the account pages print it: ISO 8601 for `<time datetime>`, minutes in UTC. */
export interface ShownTime {
  iso: string;
  text: string;
}

export function shownTime(date: Date): ShownTime;
export function shownTime(date: Date | null): ShownTime | null;
export function shownTime(date: Date | null): ShownTime | null {
  if (!date) return null;
  const iso = date.toISOString();
  return { iso, text: `${iso.slice(0, 16).replace('T', ' ')} UTC` };
}
