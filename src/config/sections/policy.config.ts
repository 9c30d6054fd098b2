import { Nested, NonEmptyStr } from '../validation/rules';
import { PolicyDataConfig } from './policy-data.config';

/** `policy` (MAS docs/reference/configuration.md#policy; locally built defaults). */
export class PolicyConfig {
  @NonEmptyStr() wasm_module: string = './policies/policy.wasm';
  @NonEmptyStr() client_registration_entrypoint: string = 'client_registration/violation';
  @NonEmptyStr() register_entrypoint: string = 'register/violation';
  @NonEmptyStr() authorization_grant_entrypoint: string = 'authorization_grant/violation';
  @NonEmptyStr() compat_login_entrypoint: string = 'compat_login/violation';
  @NonEmptyStr() password_entrypoint: string = 'password/violation';
  @NonEmptyStr() email_entrypoint: string = 'email/violation';

  @Nested(() => PolicyDataConfig) data: PolicyDataConfig = new PolicyDataConfig();
}
