// npm start's static server (web/serve.js): the playground at /web/, the
// library's files with their types (.wasm as application/wasm), nothing
// outside the repository.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { startServer } from '../web/serve.js';

let server, port;
before(async () => {
  server = await startServer({ port: 0 });
  port = new URL(server.url).port;
});
after(() => server.close());

/* A raw GET, the path sent exactly as written (fetch would normalise '..'). */
function get(path, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = request({ host: 'localhost', port, path, method }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('serve: the URL it reports is the playground', async () => {
  assert.match(server.url, /^http:\/\/localhost:\d+\/web\/$/);
  const page = await get('/web/');
  assert.equal(page.status, 200);
  assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
  assert.match(page.body.toString(), /<title>lazywasm playground<\/title>/);
  const root = await get('/');
  assert.equal(root.status, 302);
  assert.equal(root.headers.location, '/web/');
});

test('serve: the core as application/wasm, byte for byte, and the modules as JavaScript', async () => {
  const wasm = await get('/dist/lazywasm.wasm');
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers['content-type'], 'application/wasm');
  assert.deepEqual(wasm.body, readFileSync(new URL('../dist/lazywasm.wasm', import.meta.url)));
  for (const path of ['/lib/browser.js', '/web/app.js', '/web/worker.js']) {
    const js = await get(path);
    assert.equal(js.status, 200, path);
    assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8', path);
  }
  const head = await get('/web/style.css', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0);
});

test('serve: nothing outside the repository, missing files are 404, only GET and HEAD', async () => {
  const up = '../'.repeat(12);   // far above the root, to a file that exists there
  for (const path of [`/${up}etc/passwd`, `/web/${up}etc/passwd`, `/${up.replace(/\.\./g, '%2e%2e')}etc/passwd`,
    `/${up.replace(/\//g, '%2f')}etc%2fpasswd`, '/%E0%A4%A', '/nope.js']) {
    assert.equal((await get(path)).status, 404, path);
  }
  assert.equal((await get('/web/index.html', 'POST')).status, 405);
});
