import type { RegistrationContext } from '@shared/api';
import type { RegistrationForm } from '@shared/registration/form';

/** What every form section receives: the form, a path setter, and the problem of a field. */
export interface SectionProps {
  readonly form: RegistrationForm;
  readonly ctx: RegistrationContext;
  set(path: string, value: unknown): void;
  problem(path: string): string | null;
  touch(path: string): void;
}
