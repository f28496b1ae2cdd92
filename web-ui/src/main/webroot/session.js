// Signing in: a cluster with a token answers ui/session with 401 until the browser holds it. The
// token is sent once, and the server returns it as an HttpOnly session cookie, which fetches, SockJS
// and EventSource all carry; the page's scripts never keep it.
import { byId, setText } from './dom.js';

const SESSION = 'ui/session';

let access = null; // what the node said this session may do: 'operator' or 'read-only'

/** Whether the page offers actions: an operator's session, or a cluster that asks for no token. */
export const mayOperate = () => access === 'operator';

/** Resolves once the page may read the cluster: at once when no token is asked for or the cookie holds. */
export async function signIn() {
  if (await signedIn()) return;
  const form = byId('sign-in');
  const input = byId('token-input');
  form.hidden = false;
  input.focus();
  await new Promise(resolve => form.addEventListener('submit', async event => {
    event.preventDefault();
    setText(byId('token-error'), '');
    const response = await fetch(SESSION, {
      method: 'POST', headers: { Authorization: `Bearer ${input.value.trim()}` },
    }).catch(() => null);
    if (response?.ok) {
      await learnAccess(response);
      input.value = '';
      form.hidden = true;
      resolve();
    } else {
      setText(byId('token-error'), response ? await reason(response) : 'the server cannot be reached');
    }
  }));
}

/** A request refused for want of a valid token: the session ended (a new token, say), so ask again. */
export function sessionEnded() {
  location.reload();
}

async function signedIn() {
  const response = await fetch(SESSION).catch(() => null);
  if (!response?.ok) return false;
  await learnAccess(response);
  return true;
}

/** The session's answer names its access; a read-only one is never offered an action. */
async function learnAccess(response) {
  access = (await response.json().catch(() => null))?.access ?? 'read-only';
}

async function reason(response) {
  try {
    return (await response.json()).message ?? `${response.status}`;
  } catch {
    return `${response.status} ${response.statusText}`;
  }
}
