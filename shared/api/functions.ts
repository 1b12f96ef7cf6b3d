/**
 * Every cloud function's contract by name: what the client's calls are derived from. Only the
 * small contract objects are values here; the payload schemas come in as types (zod stays out of
 * the client bundle).
 */
import type * as z from 'zod';
import { authContract } from './auth';
import type { authPayloads } from './authPayloads';
import { classingContract } from './classing';
import type { classingPayloads } from './classingPayloads';
import type { ResponseOf } from './contract';
import { countyContract } from './county';
import type { countyPayloads } from './countyPayloads';
import { placementContract } from './placement';
import type { placementPayloads } from './placementPayloads';
import { registrationContract } from './registration';
import type { registrationPayloads } from './registrationPayloads';
import { reportsContract } from './reports';
import type { reportsPayloads } from './reportsPayloads';
import { rotationContract } from './rotation';
import type { rotationPayloads } from './rotationPayloads';

export const contracts = {
  auth: authContract,
  registration: registrationContract,
  county: countyContract,
  reports: reportsContract,
  placement: placementContract,
  classing: classingContract,
  rotation: rotationContract,
};

export type Contracts = typeof contracts;
export type FunctionName = keyof Contracts;
export type ActionName<F extends FunctionName> = keyof Contracts[F] & string;

interface Payloads {
  readonly auth: typeof authPayloads;
  readonly registration: typeof registrationPayloads;
  readonly county: typeof countyPayloads;
  readonly reports: typeof reportsPayloads;
  readonly placement: typeof placementPayloads;
  readonly classing: typeof classingPayloads;
  readonly rotation: typeof rotationPayloads;
}

/** A value as the client may hold it: read-only all the way down (the server only reads it). */
type Frozen<T> = T extends (infer E)[]
  ? readonly Frozen<E>[]
  : T extends object
    ? { readonly [K in keyof T]: Frozen<T[K]> }
    : T;

/** What a call sends: the payload schema's input (fields with defaults may be left out). */
export type PayloadOf<F extends FunctionName, A extends ActionName<F>> = A extends keyof Payloads[F]
  ? Payloads[F][A] extends z.ZodType
    ? Frozen<z.input<Payloads[F][A]>>
    : never
  : never;

/** What a call answers (the ok envelope's data). */
export type AnswerOf<F extends FunctionName, A extends ActionName<F>> = ResponseOf<Contracts[F][A]>;
