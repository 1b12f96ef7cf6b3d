/** Small helpers for the Chinese sentences the functions compose. */

/**
 * A text as a sentence: trimmed, with a full stop added only when it does not already end with
 * one (a school's reason typed with its own 。 must not come out as 。。).
 */
export function sentence(text: string): string {
  const t = text.trim();
  if (t === '') return '';
  return /[。！？；.!?;…]$/.test(t) ? t : `${t}。`;
}
