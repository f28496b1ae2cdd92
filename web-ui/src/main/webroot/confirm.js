// Asking before an action that stops or removes something: one modal <dialog> (#confirm-dialog) for
// the whole page, keyboard-friendly (Escape cancels, the cancel button has the focus first).

import { byId, setText } from './dom.js';

let pending = null; // the resolve function of the question being asked

/** Resolves true when the operator confirms, false when they cancel or close the dialog. */
export function confirmAction(question, actionLabel) {
  const dialog = byId('confirm-dialog');
  if (pending) pending(false);
  setText(byId('confirm-message'), question);
  setText(byId('confirm-ok'), actionLabel);
  return new Promise(resolve => {
    pending = answer => {
      pending = null;
      if (dialog.open) dialog.close();
      resolve(answer);
    };
    dialog.showModal();
    byId('confirm-cancel').focus();
  });
}

export function initConfirm() {
  const dialog = byId('confirm-dialog');
  byId('confirm-ok').addEventListener('click', () => pending?.(true));
  byId('confirm-cancel').addEventListener('click', () => pending?.(false));
  dialog.addEventListener('close', () => pending?.(false));
}
