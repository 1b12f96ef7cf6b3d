/**
 * The contract between the pages and the cloud functions: the views the functions answer with
 * (views.ts), each function's actions (`<function>.ts`: response type, state change) and payload
 * schemas (`<function>Payloads.ts`). See contract.ts.
 */
export * from './views';
export type { ActionSpec, ResponseOf } from './contract';
