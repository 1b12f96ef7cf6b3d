// WeChat cloud entry for `rotation`; the logic lives in handler.ts so the local host runs it too.
import * as cloud from 'wx-server-sdk';
import { wxMain } from '../../server/runtime/wx';
import { rotationFunction } from './handler';

// The SDK types `env` as a string, but DYNAMIC_CURRENT_ENV (a symbol) is the documented way
// to use the environment the function is deployed in.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
export const main = wxMain(cloud, rotationFunction);
