/**
 * Keyboard and screen-reader support for the browser build (H5) that Taro's web components lack
 * (issue 22):
 * - Taro's `Button` renders a bare custom element: not in the tab order, no button role. Every
 *   one gets `role="button"`, a tab stop and `aria-disabled` while disabled.
 * - A page scrolls inside its own container; it gets a tab stop, so a page without controls can
 *   still be scrolled with the keyboard.
 * - Enter or Space presses whatever has a button-like role and is not a native control (Taro
 *   buttons, and the Views and Texts given `tapA11y` props).
 * - Taro's confirm box (`Taro.showModal`, plain divs) becomes a dialog: focus moves to its
 *   confirm control, Tab stays inside it, Escape cancels, and focus returns where it was.
 * WeChat has no keyboard; its screen reader reads the `aria-*` props (client/components/a11y.ts).
 */
const PRESSABLE = new Set(['button', 'checkbox', 'radio', 'link', 'switch', 'tab', 'menuitem']);
const TABBABLE =
  'a[href], input:not([disabled]), textarea:not([disabled]), select:not([disabled]), button:not([disabled]), [tabindex]:not([tabindex="-1"])';

function buttonMark(el: Element): void {
  const disabled = el.hasAttribute('disabled') && el.getAttribute('disabled') !== 'false';
  if (el.getAttribute('role') !== 'button') el.setAttribute('role', 'button');
  const tab = disabled ? '-1' : '0';
  if (el.getAttribute('tabindex') !== tab) el.setAttribute('tabindex', tab);
  if (disabled) el.setAttribute('aria-disabled', 'true');
  else el.removeAttribute('aria-disabled');
}

// Where focus was before the confirm box opened, to return it there.
let focusBefore: HTMLElement | null = null;

function modalMark(el: HTMLElement): void {
  const open = el.style.display !== 'none';
  const content = el.querySelector<HTMLElement>('.taro-modal__content');
  if (!content) return;
  if (content.getAttribute('role') !== 'alertdialog') {
    content.setAttribute('role', 'alertdialog');
    content.setAttribute('aria-modal', 'true');
    const title = content.querySelector('.taro-modal__title');
    const text = content.querySelector('.taro-modal__text');
    if (title) title.id = 'modal-title';
    if (text) text.id = 'modal-text';
    content.setAttribute('aria-labelledby', 'modal-title');
    content.setAttribute('aria-describedby', 'modal-text');
    content.querySelectorAll('.taro-model__btn').forEach((b) => {
      b.setAttribute('role', 'button');
      b.setAttribute('tabindex', '0');
    });
    content.querySelector('.taro-model__cancel')?.setAttribute('data-dialog-cancel', '');
  }
  if (open && el.dataset['open'] !== '1') {
    el.dataset['open'] = '1';
    const at = document.activeElement;
    focusBefore = at instanceof HTMLElement && !el.contains(at) ? at : null;
    setTimeout(() => content.querySelector<HTMLElement>('.taro-model__confirm')?.focus(), 0);
  } else if (!open && el.dataset['open'] === '1') {
    el.dataset['open'] = '0';
    const back = focusBefore;
    focusBefore = null;
    if (back?.isConnected && visible(back)) back.focus();
  }
}

function marksApply(root: Element | Document): void {
  root.querySelectorAll('taro-button-core').forEach(buttonMark);
  root.querySelectorAll('.taro_page:not([tabindex])').forEach((p) => p.setAttribute('tabindex', '0'));
  root.querySelectorAll<HTMLElement>('.taro__modal').forEach(modalMark);
  if (root instanceof HTMLElement) {
    if (root.tagName === 'TARO-BUTTON-CORE') buttonMark(root);
    if (root.classList.contains('taro_page') && !root.hasAttribute('tabindex'))
      root.setAttribute('tabindex', '0');
    if (root.classList.contains('taro__modal')) modalMark(root);
  }
}

function visible(el: HTMLElement): boolean {
  return el.offsetParent !== null || el.getClientRects().length > 0;
}

/** Tab and Shift+Tab wrap around inside an open dialog instead of leaving it. */
function dialogTrap(e: KeyboardEvent): void {
  const dialogs = Array.from(
    document.querySelectorAll<HTMLElement>('[role="dialog"], [role="alertdialog"]'),
  ).filter((d) => visible(d) && (d.closest('.taro__modal') as HTMLElement | null)?.style.display !== 'none');
  const dialog = dialogs[dialogs.length - 1];
  if (!dialog) return;
  if (e.key === 'Escape') {
    dialog.querySelector<HTMLElement>('[data-dialog-cancel]')?.click();
    return;
  }
  if (e.key !== 'Tab') return;
  const stops = Array.from(dialog.querySelectorAll<HTMLElement>(TABBABLE)).filter(visible);
  const first = stops[0];
  const last = stops[stops.length - 1];
  if (!first || !last) return;
  const at = document.activeElement;
  if (!dialog.contains(at)) {
    e.preventDefault();
    first.focus();
  } else if (e.shiftKey && at === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && at === last) {
    e.preventDefault();
    first.focus();
  }
}

function press(e: KeyboardEvent): void {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  const el = e.target;
  if (!(el instanceof HTMLElement)) return;
  if (/^(INPUT|TEXTAREA|SELECT|BUTTON|A)$/.test(el.tagName)) return;
  const role = el.getAttribute('role');
  if (!role || !PRESSABLE.has(role) || el.getAttribute('aria-disabled') === 'true') return;
  e.preventDefault();
  el.click();
}

export function keyboardSupportStart(): void {
  if (typeof document === 'undefined') return;
  marksApply(document);
  new MutationObserver((changes) => {
    for (const c of changes) {
      const t = c.target;
      if (c.type === 'attributes') {
        if (!(t instanceof HTMLElement)) continue;
        if (t.tagName === 'TARO-BUTTON-CORE') buttonMark(t);
        else if (t.classList.contains('taro__modal')) modalMark(t);
      } else
        c.addedNodes.forEach((n) => {
          if (n instanceof Element) marksApply(n);
        });
    }
  }).observe(document.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['disabled', 'style'],
  });
  document.addEventListener('keydown', (e) => {
    dialogTrap(e);
    if (!e.defaultPrevented) press(e);
  });
}
