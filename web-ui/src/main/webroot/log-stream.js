// A task's stdout or stderr followed live: an EventSource whose messages are {data, offset, end}, the
// bytes [offset, end) of the file. The agent starts each connection at the file's recent
// end, so after the browser reconnects it resends bytes we have; offsets let us show each byte once.

import { formatBytes } from './format.js';

/** How much text one pane keeps; the oldest output is dropped beyond it. */
const MAX_PANE_CHARS = 2000000;
/** Within this many pixels of the bottom, a pane follows new output. */
const FOLLOW_SLACK_PX = 24;

const utf8 = new TextEncoder();
const utf8Text = new TextDecoder();

/**
 * The part of a chunk not shown yet. `end` is the byte offset just past what is shown (-1 before the
 * first chunk). Returns {text, end, gap}, gap being how many bytes lie unseen before the new text.
 */
export function unseenPart(chunk, end) {
  const data = typeof chunk?.data === 'string' ? chunk.data : '';
  if (!data) return { text: '', end, gap: 0 };
  if (typeof chunk.offset !== 'number') return { text: data, end, gap: 0 };
  const bytes = utf8.encode(data);
  // the agent says where the chunk ends; re-encoding the text could disagree (bytes that were not UTF-8)
  const chunkEnd = typeof chunk.end === 'number' ? chunk.end : chunk.offset + bytes.length;
  if (end < 0) return { text: data, end: chunkEnd, gap: chunk.offset };
  if (chunkEnd <= end) return { text: '', end, gap: 0 };
  if (chunk.offset >= end) return { text: data, end: chunkEnd, gap: chunk.offset - end };
  // the agent cuts chunks on character boundaries, and `end` is one, so this slice decodes cleanly
  return { text: utf8Text.decode(bytes.subarray(end - chunk.offset)), end: chunkEnd, gap: 0 };
}

export class LogPane {
  constructor(pre, status) {
    this.pre = pre;
    this.status = status;
    this.source = null;
  }

  open(url) {
    this.close();
    this.pre.replaceChildren();
    this.chars = 0;
    this.end = -1;
    this.connectionOffset = -1;
    const source = new EventSource(url);
    this.source = source;
    this.setStatus('connecting');
    source.onopen = () => {
      this.connectionOffset = -1;
      this.setStatus('following');
    };
    source.onmessage = event => this.receive(event.data);
    source.addEventListener('error', event => this.failed(source, event, url));
  }

  close() {
    this.source?.close();
    this.source = null;
  }

  receive(raw) {
    let chunk;
    try {
      chunk = JSON.parse(raw);
    } catch {
      return;
    }
    if (typeof chunk.offset === 'number') {
      // offsets only grow within one connection; going back means the file was truncated
      if (chunk.offset < this.connectionOffset) {
        this.end = -1;
        this.mark('the file was truncated', 'stream-note');
      }
      this.connectionOffset = chunk.offset;
    }
    const part = unseenPart(chunk, this.end);
    this.end = part.end;
    if (part.gap > 0) this.mark(`${formatBytes(part.gap)} of earlier output not shown`, 'stream-note');
    if (part.text) this.append(document.createTextNode(part.text), part.text.length);
  }

  /** Either the server's own "error" event ({message}), or the connection failing. */
  failed(source, event, url) {
    if (source !== this.source) return;
    if (typeof event.data === 'string') {
      this.mark(messageOf(event.data), 'stream-error');
      this.setStatus('stopped');
      this.close(); // the server gave up on this file: reconnecting would only repeat the error
    } else if (source.readyState === EventSource.CLOSED) {
      this.setStatus('closed');
      this.explain(source, url);
    } else {
      this.setStatus('reconnecting');
    }
  }

  /** EventSource hides why a request was refused; ask once, so the pane can say it. */
  async explain(source, url) {
    const controller = new AbortController();
    let message;
    try {
      const response = await fetch(url, { headers: { Accept: 'text/event-stream' }, signal: controller.signal });
      message = response.ok ? 'the output stream closed' : messageOf(await response.text());
    } catch {
      message = 'the output stream cannot be reached';
    } finally {
      controller.abort(); // never read an event stream to its (endless) end
    }
    if (source === this.source) this.mark(message, 'stream-error');
  }

  mark(text, className) {
    const note = document.createElement('span');
    note.className = className;
    note.textContent = `[${text}]\n`;
    this.append(note, note.textContent.length);
  }

  append(node, length) {
    const { pre } = this;
    const following = pre.scrollHeight - pre.scrollTop - pre.clientHeight <= FOLLOW_SLACK_PX;
    pre.append(node);
    this.chars += length;
    while (this.chars > MAX_PANE_CHARS && pre.firstChild !== node) {
      this.chars -= pre.firstChild.textContent.length;
      pre.firstChild.remove();
    }
    if (following) pre.scrollTop = pre.scrollHeight;
  }

  setStatus(text) {
    this.status.textContent = text;
  }
}

/** {message} from a JSON body, else the text itself. */
function messageOf(text) {
  try {
    return JSON.parse(text).message ?? text;
  } catch {
    return text || 'unknown error';
  }
}
