export {
  RegistrationFlow,
  MAX_DISPLAY_NAME_LENGTH,
  type Finish,
  type RegistrationState,
} from './registration-flow.service';
export { RegistrationModule } from './registration.module';
export { passwordRegistrationEnabled, RegistrationSettings } from './registration-settings';
export {
  RegistrationStart,
  type RegistrationErrors,
  type RegistrationForm,
  type RegistrationStartResult,
} from './registration-start.service';
export { REGISTRATION_TTL_MS, type RegistrationStep } from './registration-steps';
export { UsernameAvailability, type UsernameRefusal } from './username-availability.service';
