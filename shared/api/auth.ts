/**
 * The auth function's actions: what each answers and whether it changes state (a state change
 * is sent with a retry key, and the server keeps its first response for a retry). The payload
 * schemas are in authPayloads.ts (zod stays out of the client bundle).
 */
import { change, read } from './contract';
import type { InviteCreated, InviteRedeemed, WhoAmI } from './views';

export const authContract = {
  whoami: read<WhoAmI>(),
  createInvite: change<InviteCreated>(),
  redeemInvite: change<InviteRedeemed>(),
};
