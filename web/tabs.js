// The page's two tabs, Playground and Benchmark: a tab shows the elements
// marked data-tab with its name and hides the others. The open tab is kept in
// the address (?tab=benchmark) so that a reload stays on it; the playground's
// shared links live in the fragment, which this leaves alone.

const DEFAULT = 'playground';

/** Wires the tab buttons ([role=tab][data-for]); onOpen(name) is called whenever a tab opens. */
export function setUpTabs(onOpen = () => {}) {
  const buttons = [...document.querySelectorAll('[role="tab"][data-for]')];

  function open(name, { remember = true } = {}) {
    if (!buttons.some((b) => b.dataset.for === name)) name = DEFAULT;
    for (const b of buttons) {
      const selected = b.dataset.for === name;
      b.setAttribute('aria-selected', String(selected));
      b.tabIndex = selected ? 0 : -1;
    }
    for (const el of document.querySelectorAll('[data-tab]')) el.hidden = el.dataset.tab !== name;
    document.body.dataset.openTab = name;
    if (remember) {
      const url = new URL(location.href);
      if (name === DEFAULT) url.searchParams.delete('tab');
      else url.searchParams.set('tab', name);
      history.replaceState(null, '', url);
    }
    onOpen(name);
  }

  for (const b of buttons) b.addEventListener('click', () => open(b.dataset.for));
  // Arrow keys move between tabs, as in any tab list.
  for (const [i, b] of buttons.entries()) {
    b.addEventListener('keydown', (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!step) return;
      const next = buttons[(i + step + buttons.length) % buttons.length];
      next.focus();
      open(next.dataset.for);
    });
  }

  open(new URLSearchParams(location.search).get('tab') ?? DEFAULT, { remember: false });
}
