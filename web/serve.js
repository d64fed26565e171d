// npm start: a small static file server for the playground, with no dependencies.
// It serves the repository root, so the page (/web/) imports the library from
// /lib/ and /dist/ exactly as they are shipped; any other static server of the
// root works too. .wasm goes out as application/wasm for streaming compilation.
//
//   node web/serve.js [--port N] [--host localhost]     (PORT and HOST work too;
//                                                       default: 8080, or the next free port)

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.md': 'text/markdown; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

/* The file a URL path names under root, or null if it would leave root. */
function resolvePath(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  const file = normalize(join(root, path));
  const base = root.endsWith(sep) ? root : root + sep;
  return (file + sep).startsWith(base) ? file : null;
}

async function handle(root, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const path = req.url.split('?')[0];
  if (path === '/' || path === '/web') {
    res.writeHead(302, { location: '/web/' }).end();
    return;
  }
  let file = resolvePath(root, path);
  let info = file && await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    file = join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${path}\n`);
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': info.size,
    // While developing, a rebuilt .wasm or an edited page is picked up on reload.
    'cache-control': 'no-cache',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

/**
 * Starts the server (port 0: any free port) and resolves to
 * { server, url, close() } once it listens; url is the playground's address.
 */
export function startServer({ port = 8080, host = 'localhost', root = ROOT } = {}) {
  const server = createServer((req, res) => {
    handle(root, req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({
        server,
        url: `http://${host}:${actual}/web/`,
        close: () => new Promise((done) => { server.closeAllConnections?.(); server.close(() => done()); }),
      });
    });
  });
}

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const chosen = option('port', process.env.PORT);
  const host = option('host', process.env.HOST ?? 'localhost');
  // Without a chosen port, 8080 or the next free one of the nine after it.
  const ports = chosen !== undefined ? [Number(chosen)] : Array.from({ length: 10 }, (_, i) => 8080 + i);
  const listen = async () => {
    for (const [i, port] of ports.entries()) {
      try {
        return await startServer({ port, host });
      } catch (err) {
        if (err.code !== 'EADDRINUSE' || i === ports.length - 1) throw err;
      }
    }
  };
  listen().then(({ url }) => {
    console.log(`lazywasm playground: ${url}`);
    console.log('(serving this repository; Ctrl+C stops the server)');
  }, (err) => {
    const hint = err.code === 'EADDRINUSE' ? ' (the port is in use: choose another with --port N)' : '';
    console.error(`serve.js: ${err.message}${hint}`);
    process.exit(1);
  });
}
