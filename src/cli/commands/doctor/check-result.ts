/** The outcome of one doctor check; `hint` says what to change. */
export interface CheckResult {
  status: 'ok' | 'warning' | 'error';
  message: string;
  hint?: string;
}

export const ok = (message: string): CheckResult => ({ status: 'ok', message });
export const warning = (message: string, hint?: string): CheckResult => ({
  status: 'warning',
  message,
  ...(hint === undefined ? {} : { hint }),
});
export const error = (message: string, hint?: string): CheckResult => ({
  status: 'error',
  message,
  ...(hint === undefined ? {} : { hint }),
});
