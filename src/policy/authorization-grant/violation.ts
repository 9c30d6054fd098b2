/** A policy refusal with MAS's message (and code where MAS has one). */
export interface Violation {
  msg: string;
  code?: string;
}
