/** Fresh invite codes from the OS's secure random source (never the seeded domain generator). */
import { randomInt } from 'node:crypto';
import { INVITE_ALPHABET, INVITE_CODE_LENGTH } from '../../shared/identity/roles';

export const inviteCodeNew = (): string =>
  Array.from({ length: INVITE_CODE_LENGTH }, () => INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)]).join(
    '',
  );
