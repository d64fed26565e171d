// A small code editor with no dependencies: a textarea for typing (so the
// browser's own caret, selection, undo and input methods work) laid exactly
// over a <pre> that shows the same text highlighted, with line numbers
// beside it. Ctrl+Enter (Cmd+Enter) runs; Tab indents (every selected line); Enter keeps the indent.

const KEYWORDS = new Set(`await break case catch class const continue debugger default delete do else
  export extends finally for function if import in instanceof let new of return static super switch
  this throw try typeof var void while with yield async from as get set`.split(/\s+/));
const LITERALS = new Set(['true', 'false', 'null', 'undefined', 'NaN', 'Infinity']);
// Keywords only in some places: called, they are names (the library's from(), say).
const CONTEXTUAL = new Set(['from', 'of', 'as', 'get', 'set', 'async']);

/*
 * One regular expression finds every token; the group that matched says its
 * kind. Unterminated comments and strings run to the end, as while typing.
 * (Regular expression literals are not recognised: they show as operators.)
 */
const TOKEN = new RegExp([
  /(\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$))/.source,                                   // 1 comment
  /('(?:[^'\\\n]|\\.)*'?|"(?:[^"\\\n]|\\.)*"?|`(?:[^`\\]|\\[\s\S])*`?)/.source,   // 2 string
  /(\b(?:0[xXoObB][\da-fA-F_]+|\d[\d_]*(?:\.[\d_]*)?(?:[eE][+-]?\d+)?)n?\b)/.source,  // 3 number
  /(#?[A-Za-z_$][\w$]*)/.source,                                                 // 4 name
].join('|'), 'g');

const escapeHtml = (s) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]);

/** The code as HTML, names of `library` (a Set) marked as the library's. */
export function highlight(code, library = new Set()) {
  let html = '';
  let last = 0;
  for (const m of code.matchAll(TOKEN)) {
    html += escapeHtml(code.slice(last, m.index));
    last = m.index + m[0].length;
    const kind = m[1] ? 'comment' : m[2] ? 'string' : m[3] ? 'number' : nameKind(m[4], code, m.index, last, library);
    html += kind ? `<span class="tok-${kind}">${escapeHtml(m[0])}</span>` : escapeHtml(m[0]);
  }
  return html + escapeHtml(code.slice(last));
}

function nameKind(name, code, start, end, library) {
  const called = /^\s*\(/.test(code.slice(end, end + 40));
  if (code[start - 1] === '.') return called ? 'method' : null;
  if (KEYWORDS.has(name) && !(called && CONTEXTUAL.has(name))) return 'keyword';
  if (LITERALS.has(name)) return 'literal';
  if (library.has(name)) return 'library';
  return called ? 'call' : null;
}

export class Editor {
  #host;
  #text;
  #view;
  #gutter;
  #errorBar;
  #library;
  #onRun;
  #onChange;
  #errorLine = null;

  /**
   * Builds the editor inside `host`. onRun() is called on Ctrl/Cmd+Enter,
   * onChange(code) after every edit; library names are highlighted as such.
   */
  constructor(host, { onRun = () => {}, onChange = () => {}, library = [], label = 'Code' } = {}) {
    this.#onRun = onRun;
    this.#onChange = onChange;
    this.#library = new Set(library);
    this.#host = host;
    host.classList.add('editor');
    host.innerHTML = `
      <div class="editor-gutter" aria-hidden="true"></div>
      <div class="editor-code">
        <div class="editor-error-bar" hidden></div>
        <pre class="editor-view" aria-hidden="true"></pre>
        <textarea class="editor-input" spellcheck="false" autocomplete="off" autocapitalize="off"
          autocorrect="off" wrap="off"></textarea>
      </div>`;
    this.#gutter = host.querySelector('.editor-gutter');
    this.#view = host.querySelector('.editor-view');
    this.#errorBar = host.querySelector('.editor-error-bar');
    this.#text = host.querySelector('.editor-input');
    this.#text.setAttribute('aria-label', label);
    this.#text.addEventListener('input', () => this.#changed());
    this.#text.addEventListener('keydown', (event) => this.#key(event));
    this.#render();
  }

  get value() { return this.#text.value; }

  set value(code) {
    this.#text.value = code;
    this.#text.setSelectionRange(0, 0);
    this.#errorLine = null;
    this.#render();
    this.#host.scrollTo(0, 0);
  }

  set library(names) {
    this.#library = new Set(names);
    this.#render();
  }

  focus() { this.#text.focus(); }

  /** Marks line `line` (from 1) as where an error is; null clears the mark. */
  markError(line) {
    this.#errorLine = line;
    this.#render();
  }

  #changed() {
    this.#errorLine = null;
    this.#render();
    this.#onChange(this.value);
  }

  #render() {
    const code = this.#text.value;
    // A final newline needs a line of its own to be seen in the <pre>.
    this.#view.innerHTML = `${highlight(code, this.#library)}\n`;
    const lines = code.split('\n').length;
    let numbers = '';
    for (let i = 1; i <= lines; i++) {
      numbers += i === this.#errorLine ? `<span class="editor-error-number">${i}</span>\n` : `${i}\n`;
    }
    this.#gutter.innerHTML = numbers;
    const marked = this.#errorLine !== null && this.#errorLine <= lines;
    this.#errorBar.hidden = !marked;
    if (marked) this.#errorBar.style.top = `calc(var(--editor-pad) + ${this.#errorLine - 1} * var(--editor-line))`;
  }

  #key(event) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.#onRun();
    } else if (event.key === 'Tab' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      // Tab indents; Shift+Tab is left to the browser, so the keyboard can still leave the editor.
      if (event.shiftKey) return;
      event.preventDefault();
      this.#indent();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.altKey) {
      event.preventDefault();
      const text = this.#text.value;
      const start = this.#text.selectionStart;
      const line = text.slice(text.lastIndexOf('\n', start - 1) + 1, start);
      const indent = /^\s*/.exec(line)[0];
      const opens = /[{([]\s*$/.test(line) ? '  ' : '';
      this.#insert(`\n${indent}${opens}`);
    }
  }

  /* Two spaces at the caret; with a selection over several lines, before each of those lines (it stays selected). */
  #indent() {
    const area = this.#text, text = area.value;
    const { selectionStart: start, selectionEnd: end } = area;
    if (!text.slice(start, end).includes('\n')) {
      this.#insert('  ');
      return;
    }
    const from = start === 0 ? 0 : text.lastIndexOf('\n', start - 1) + 1;
    const to = text[end - 1] === '\n' ? end - 1 : end;   // a selection ending at a line's start leaves that line
    const lines = text.slice(from, to).split('\n');
    const indented = lines.map((line) => (line === '' ? line : `  ${line}`));   // blank lines stay blank
    area.setSelectionRange(from, to);
    this.#insert(indented.join('\n'));
    area.setSelectionRange(from, to + indented.join('\n').length - (to - from));
  }

  /* Types `text` at the caret, keeping the browser's undo history where it can. */
  #insert(text) {
    this.#text.focus();
    if (!document.execCommand?.('insertText', false, text)) {
      this.#text.setRangeText(text, this.#text.selectionStart, this.#text.selectionEnd, 'end');
      this.#changed();
    }
  }
}
