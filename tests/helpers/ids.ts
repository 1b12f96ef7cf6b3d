/** Valid (checksummed) identity numbers for tests, from region, birth date and sequence. */
import { idNumberCheckChar } from '../../shared/idNumber';

export function idNumberMake(birth: string, seq = 1, region = '330102'): string {
  const first17 = `${region}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}
