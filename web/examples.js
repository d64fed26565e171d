// The playground's examples: short programs, each showing one reason to use
// lazy sequences. The value of a program's last line is what the page shows;
// print() writes a line of its own. tests/browser.test.js runs every one.

export const examples = [
  {
    id: 'fibonacci',
    title: 'Infinite Fibonacci generator',
    code: `// The classic infinite generator: on its own it never stops.
function* fib() {
  let [a, b] = [0, 1];
  for (;;) {
    yield a;
    [a, b] = [b, a + b];
  }
}

// A lazy pipeline asks the generator for one value at a time, and only
// for as many as it needs: the even ones below four million.
const evens = from(fib)
  .filter((x) => x % 2 === 0)
  .takeWhile((x) => x < 4_000_000);

// A sequence is a recipe: each run asks fib() for a fresh generator.
print('their sum:', evens.sum());

// The value of the last line is shown below, streamed as it comes.
evens
`,
  },
  {
    id: 'iterator',
    title: 'A custom iterator class over a list',
    code: `// Any object with a next() method is an iterator. This one walks a list
// and says when it is called: lazywasm calls next() once per value it
// needs, and return() when it stops early, as the TC39 helpers do.
class ListIterator {
  #items;
  #i = 0;
  constructor(items) { this.#items = items; }
  next() {
    if (this.#i === this.#items.length) return { done: true, value: undefined };
    print('next() ->', this.#items[this.#i]);
    return { done: false, value: this.#items[this.#i++] };
  }
  return() {
    print('return(): closed before the end');
    return { done: true, value: undefined };
  }
}

const animals = ['ant', 'bee', 'cat', 'dog', 'eel', 'fox', 'gnu'];

// Watch the order: each value goes through the whole pipeline before the
// next one is read, and 'eel', 'fox', 'gnu' are never read at all.
from(new ListIterator(animals))
  .map((name, i) => \`\${i}:\${name.toUpperCase()}\`)
  .filter((label) => !label.includes('C'))
  .take(3)
`,
  },
  {
    id: 'primes',
    title: 'Primes',
    code: `// primes() is an endless stream made in WebAssembly by a segmented sieve:
// its memory stays the same however many primes you take.
print('the millionth prime:', primes().nth(999_999));

// Trial division in JS does the same, one candidate at a time. isPrime
// has a loop, so it stays a JS function ("How it runs" says so).
function isPrime(n) {
  for (let d = 2; d * d <= n; d++) {
    if (n % d === 0) return false;
  }
  return n >= 2;
}
print('they agree:', count(2).filter(isPrime).take(1000).toArray().join() === primes().take(1000).join());

// take(100) makes the infinite stream finite: 100 primes, then it stops.
primes().take(100)
`,
  },
  {
    id: 'random-walk',
    title: 'Random walk (infinite: press Stop)',
    code: `// A random walk: start at 0, then step -1 or +1 at random, for ever.
// random({ seed }) gives the same stream on every run, and scan keeps
// the running position. Both callbacks are simple enough to be compiled
// and run inside WebAssembly.
//
// Nothing ends this sequence: the first values are shown, then a count
// that keeps growing, until you press Stop (or Esc). The page stays
// responsive because the code runs in a Web Worker.
random({ seed: 2024 })
  .map((r) => (r < 0.5 ? -1 : 1))
  .scan((position, step) => position + step, 0)
`,
  },
  {
    id: 'moving-average',
    title: 'Moving average over a large random stream',
    code: `// 200,000 noisy temperature readings, made as they are needed.
const readings = random({ seed: 7 })
  .map((r) => 20 + 5 * (r - 0.5))
  .take(200_000);

// Each reading averaged with the 49 before it. window(50) holds 50 values
// at a time, so the memory used stays the same however long the stream.
const smooth = readings
  .window(50)
  .map((w) => w.reduce((sum, x) => sum + x, 0) / w.length);

print('highest average:', smooth.max().toFixed(3));

smooth
`,
  },
  {
    id: 'chunks',
    title: 'Chunked processing of a large dataset',
    code: `// A million sales records, made on the fly: none is stored.
const sales = range(1_000_000)
  .zip(random({ seed: 1 }))
  .map(([id, r]) => ({ id, store: id % 7, amount: Math.round(r * 10_000) / 100 }));

// Handled in batches of 100,000, as you would send them to a database:
// only one batch is in memory at a time.
sales
  .chunk(100_000)
  .map((batch, i) => ({
    batch: i,
    rows: batch.length,
    total: Math.round(batch.reduce((sum, sale) => sum + sale.amount, 0)),
  }))
`,
  },
  {
    id: 'combinations',
    title: 'Combinations',
    code: `// Every way to choose r items of a list, in order, one at a time.
function* combinations(items, r, start = 0, chosen = []) {
  if (chosen.length === r) {
    yield chosen;
    return;
  }
  for (let i = start; i <= items.length - (r - chosen.length); i++) {
    yield* combinations(items, r, i + 1, [...chosen, items[i]]);
  }
}

const letters = ['a', 'b', 'c', 'd', 'e'];
print('3 of 5:', from(() => combinations(letters, 3)).map((c) => c.join('')).join(' '));

// There are 658,008 ways to choose 5 of the numbers 1 to 40. Laziness
// stops at the first five whose sum is 100: the rest are never made.
from(() => combinations(range(1, 41).toArray(), 5))
  .filter((c) => c.reduce((a, b) => a + b) === 100)
  .take(5)
`,
  },
];
