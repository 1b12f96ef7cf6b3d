/**
 * What a screen reader needs from a control, said once for both builds (issue 22). In the browser
 * (H5) these are ARIA attributes; in WeChat they are the mini-program's own `aria-*` attributes,
 * which config/ariaPlugin.js adds to Taro's templates so 读屏 reads the same words.
 */
const h5 = process.env.TARO_ENV === 'h5';

/** The id of the message under a field, which names its problem. */
export const errorIdOf = (fieldId: string) => `${fieldId}-error`;

/**
 * Props for a Taro Input or Textarea: its spoken name (the label shown above it) and, when it has
 * a problem, that it is invalid and which message explains why. In H5 they must reach the inner
 * `<input>`, hence `nativeProps`.
 */
export function inputA11y(label: string, problemOf?: { id: string; problem: string | null | undefined }) {
  const invalid = !!problemOf?.problem;
  if (!h5) return { ariaLabel: invalid ? `${label}，${problemOf?.problem ?? ''}` : label };
  return {
    nativeProps: {
      'aria-label': label,
      ...(invalid && problemOf
        ? { 'aria-invalid': 'true', 'aria-describedby': errorIdOf(problemOf.id) }
        : {}),
    },
  };
}

type Role = 'button' | 'checkbox' | 'radio' | 'link' | 'img';

/**
 * Props for a View or Text that acts as a control: its role, its name when the words shown are
 * not enough, and (H5) a place in the keyboard's tab order. Enter and Space press it
 * (client/services/keyboard.ts).
 */
export function tapA11y(role: Role, opts: { label?: string; checked?: boolean; disabled?: boolean } = {}) {
  const state: Record<string, string> = {};
  if (opts.label) state['aria-label'] = opts.label;
  if (opts.checked !== undefined) state['aria-checked'] = String(opts.checked);
  if (opts.disabled) state['aria-disabled'] = 'true';
  if (!h5) return { 'aria-role': role, ...state };
  return { role, ...(role === 'img' ? {} : { tabIndex: opts.disabled ? -1 : 0 }), ...state };
}

/** Props for a message that must be read out as soon as it appears (errors, results). */
export function liveA11y(urgent = false) {
  if (!h5) return {};
  return urgent ? { role: 'alert' } : { role: 'status', 'aria-live': 'polite' };
}
