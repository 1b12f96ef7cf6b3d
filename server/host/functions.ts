/**
 * The cloud functions the local host runs in-process: the very handlers the WeChat entries wrap,
 * each with its timeout from its own config.json (as the cloud applies it; default 3 s).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { authFunction } from '../../cloudfunctions/auth/handler';
import { countyFunction } from '../../cloudfunctions/county/handler';
import { classingFunction } from '../../cloudfunctions/classing/handler';
import { placementFunction } from '../../cloudfunctions/placement/handler';
import { registrationFunction } from '../../cloudfunctions/registration/handler';
import { reportsFunction } from '../../cloudfunctions/reports/handler';
import { rotationFunction } from '../../cloudfunctions/rotation/handler';
import type { FunctionDef } from '../runtime/define';

export interface HostedFunction {
  readonly def: FunctionDef;
  readonly timeoutMs: number;
}

const DEFAULT_TIMEOUT_S = 3;
const repoRoot = join(__dirname, '..', '..');

function timeoutOf(name: string): number {
  try {
    const cfg = JSON.parse(readFileSync(join(repoRoot, 'cloudfunctions', name, 'config.json'), 'utf8')) as {
      timeout?: unknown;
    };
    const t = typeof cfg.timeout === 'number' ? cfg.timeout : DEFAULT_TIMEOUT_S;
    return Math.min(60, Math.max(1, t)) * 1000;
  } catch {
    return DEFAULT_TIMEOUT_S * 1000;
  }
}

export function hostedFunctions(): ReadonlyMap<string, HostedFunction> {
  const defs = [
    authFunction,
    countyFunction,
    classingFunction,
    placementFunction,
    registrationFunction,
    reportsFunction,
    rotationFunction,
  ];
  return new Map(defs.map((def) => [def.name, { def, timeoutMs: timeoutOf(def.name) }]));
}
