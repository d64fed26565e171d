// A line chart drawn as SVG by hand: linear axes from 0 with round ticks, one
// polyline with dots per series, a legend. Colours come from style.css
// through each series' class, so the chart follows the page's theme.

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 420, HEIGHT = 260;
const MARGIN = { top: 48, right: 16, bottom: 42, left: 62 };

function el(name, attributes = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/* About five round steps from 0 to at least max: 1, 2 or 5 times a power of ten. */
export function ticks(max) {
  if (!(max > 0)) return [0, 1];
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough);
  const out = [];
  for (let t = 0; t < max + step / 2; t += step) out.push(t);
  if (out[out.length - 1] < max) out.push(out[out.length - 1] + step);
  return out;
}

/**
 * Draws into `svg` (emptied first):
 *   { title, x: { label, format }, y: { label, format },
 *     series: [{ name, className, points: [[x, y], …] }] }
 * format(number) → the tick text.
 */
export function drawChart(svg, { title, x, y, series }) {
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', title);
  svg.append(el('title', {}, title));

  const all = series.flatMap((s) => s.points);
  const xTicks = ticks(Math.max(0, ...all.map((p) => p[0])));
  const yTicks = ticks(Math.max(0, ...all.map((p) => p[1])));
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const px = (v) => MARGIN.left + (v / xTicks[xTicks.length - 1]) * plotW;
  const py = (v) => MARGIN.top + plotH - (v / yTicks[yTicks.length - 1]) * plotH;

  svg.append(el('text', { x: MARGIN.left, y: 15, class: 'chart-title' }, title));

  const grid = el('g', { class: 'chart-grid' });
  for (const t of yTicks) {
    grid.append(el('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: py(t), y2: py(t) }));
    grid.append(el('text', { x: MARGIN.left - 6, y: py(t) + 4, 'text-anchor': 'end' }, y.format(t)));
  }
  for (const t of xTicks) {
    grid.append(el('line', { x1: px(t), x2: px(t), y1: MARGIN.top + plotH, y2: MARGIN.top + plotH + 4 }));
    grid.append(el('text', { x: px(t), y: MARGIN.top + plotH + 16, 'text-anchor': 'middle' }, x.format(t)));
  }
  grid.append(el('line', { class: 'chart-axis', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: py(0), y2: py(0) }));
  grid.append(el('text', { x: MARGIN.left + plotW / 2, y: HEIGHT - 6, 'text-anchor': 'middle', class: 'chart-label' }, x.label));
  grid.append(el('text', {
    x: 14, y: MARGIN.top + plotH / 2, 'text-anchor': 'middle', class: 'chart-label',
    transform: `rotate(-90 14 ${MARGIN.top + plotH / 2})`,
  }, y.label));
  svg.append(grid);

  series.forEach((s, i) => {
    const group = el('g', { class: `chart-series ${s.className}` });
    const sorted = [...s.points].sort((a, b) => a[0] - b[0]);
    group.append(el('polyline', { points: sorted.map(([vx, vy]) => `${px(vx)},${py(vy)}`).join(' ') }));
    for (const [vx, vy] of sorted) {
      const dot = el('circle', { cx: px(vx), cy: py(vy), r: 3 });
      dot.append(el('title', {}, `${s.name}: ${x.format(vx)} → ${y.format(vy)}`));
      group.append(dot);
    }
    // The legend, one entry per series, in a row under the title.
    const lx = MARGIN.left + i * 150, ly = 31;
    group.append(el('line', { class: 'chart-key', x1: lx, x2: lx + 18, y1: ly, y2: ly }));
    group.append(el('text', { x: lx + 24, y: ly + 4, class: 'chart-legend' }, s.name));
    svg.append(group);
  });
}
