/**
 * The classing function's actions: what each answers and whether it changes state (a state change
 * is sent with a retry key, and the server keeps its first response for a retry). The payload
 * schemas are in classingPayloads.ts (zod stays out of the client bundle).
 */
import { change, read } from './contract';
import type { ClassingReport } from '../classing/types';
import type { ClassingPlanView } from './views';

export const classingContract = {
  plan: read<ClassingPlanView>(),
  useAdmitted: change<ClassingPlanView>(),
  run: change<ClassingPlanView>(),
  swap: change<{ preview: ClassingReport; saved: ClassingPlanView | null }>(),
  homeroom: change<ClassingPlanView>(),
  late: change<{ index: number; label: string; warning: string | null; plan: ClassingPlanView }>(),
  publish: change<{ told: number; plan: ClassingPlanView }>(),
};
