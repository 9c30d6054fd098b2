import { Injectable } from '@nestjs/common';
import { PolicyDataSource, PolicyDataUpdates } from '../../policy';
import { PolicyDataRepository } from '../../storage/policy/policy-data.repository';
import type { UserView } from '../../users/user-accounts.service';
import { page, redirect, type WebResult } from '../../web-session';
import { shownInstant } from './admin-views';

export const POLICY_DATA_PATH = '/account/admin/policy-data';

/** The longest JSON text the form accepts (the body parser caps the whole form anyway). */
export const MAX_POLICY_JSON_LENGTH = 256 * 1024;

type FormError =
  | { kind: 'empty' | 'too_long' | 'not_an_object' }
  | { kind: 'invalid_json'; detail: string }
  | { kind: 'rejected'; detail: string };

/**
 * `/account/admin/policy-data`: the dynamic policy data in force (the newest `policy_data`
 * row) beside the static data from the config, and a JSON textarea that stores a new version
 * once the policy engine accepts it, as `POST /api/admin/v1/policy-data` does.
 */
@Injectable()
export class AdminPolicyData {
  constructor(
    private readonly rows: PolicyDataRepository,
    private readonly source: PolicyDataSource,
    private readonly updates: PolicyDataUpdates,
  ) {}

  async show(done: unknown): Promise<WebResult> {
    return this.render(null, null, done === 'saved', 200);
  }

  async save(admin: UserView, text: string): Promise<WebResult> {
    const refuse = (error: FormError) => this.render(text, error, false, 400);
    if (text.trim() === '') return refuse({ kind: 'empty' });
    if (text.length > MAX_POLICY_JSON_LENGTH) return refuse({ kind: 'too_long' });
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return refuse({ kind: 'invalid_json', detail: (error as Error).message });
    }
    const update = await this.updates.set(data, `the admin pages (${admin.username})`);
    if (update.ok) return redirect(`${POLICY_DATA_PATH}?done=saved`);
    if (update.reason === 'not_an_object') return refuse({ kind: 'not_an_object' });
    return refuse({ kind: 'rejected', detail: update.problems });
  }

  private async render(
    text: string | null,
    error: FormError | null,
    saved: boolean,
    status: number,
  ): Promise<WebResult> {
    const latest = await this.rows.findNewest();
    const current = latest ? JSON.stringify(latest.data, null, 2) : null;
    return page(
      'admin-policy-data.njk',
      {
        current: latest
          ? { id: latest.id, created_at: shownInstant(latest.createdAt), json: current }
          : null,
        static_json: JSON.stringify(this.source.staticData(), null, 2),
        form: {
          data: text ?? current ?? '{}',
          error: error?.kind ?? null,
          detail: error && 'detail' in error ? error.detail : null,
        },
        saved,
      },
      status,
    );
  }
}
