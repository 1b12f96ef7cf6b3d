/** Small value types that both the store port and the client contract use. */
import type { RegistrationStatus } from './registration/status';

export interface CountySnapshot {
  readonly schools: number;
  readonly teachers: number;
  readonly registrationsByStatus: Readonly<Partial<Record<RegistrationStatus, number>>>;
}
