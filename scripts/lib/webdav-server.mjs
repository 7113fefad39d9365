// A real WebDAV server for the sync tests and the bench: Debian's apache2 with mod_dav, mod_dav_fs
// and basic auth, run from a generated config in a temp dir on a free 127.0.0.1 port. It never
// touches the system's own apache configuration or service.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const APACHE = process.env.APACHE_PATH ?? '/usr/sbin/apache2';
const MODULES = '/usr/lib/apache2/modules';

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.end(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`apache2 did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

function config({ root, port, asRoot }) {
  const load = (name, file) => `LoadModule ${name}_module ${MODULES}/${file}`;
  return [
    load('mpm_event', 'mod_mpm_event.so'),
    load('authn_core', 'mod_authn_core.so'),
    load('authz_core', 'mod_authz_core.so'),
    load('auth_basic', 'mod_auth_basic.so'),
    load('authn_file', 'mod_authn_file.so'),
    load('authz_user', 'mod_authz_user.so'),
    load('dav', 'mod_dav.so'),
    load('dav_fs', 'mod_dav_fs.so'),
    `ServerRoot "${root}"`,
    `ServerName 127.0.0.1`,
    `Listen 127.0.0.1:${port}`,
    `PidFile "${root}/apache.pid"`,
    `DefaultRuntimeDir "${root}/run"`,
    `ErrorLog "${root}/error.log"`,
    'LogLevel warn',
    // apache refuses to serve as root: as root it drops to nobody, who owns the served folder.
    ...(asRoot ? ['User nobody', 'Group nogroup'] : []),
    'StartServers 1',
    'ServerLimit 1',
    'ThreadsPerChild 16',
    'MaxRequestWorkers 16',
    'Timeout 30',
    `DavLockDB "${root}/lock/davlock"`,
    `DocumentRoot "${root}/www"`,
    `<Directory "${root}/www">`,
    '  Dav On',
    '  AuthType Basic',
    '  AuthName "Tessera sync test"',
    `  AuthUserFile "${root}/htpasswd"`,
    '  Require valid-user',
    '</Directory>',
    '',
  ].join('\n');
}

/**
 * Starts apache2 serving WebDAV at `url` (a folder `dav/`, empty) for one user.
 * @param {{ user?: string, password?: string }} [options]
 */
export async function startWebDav(options = {}) {
  if (!existsSync(APACHE)) throw new Error(`apache2 not found at ${APACHE}: apt-get install apache2 (or set APACHE_PATH)`);
  const user = options.user ?? 'alice';
  const password = options.password ?? 'app-password-1';
  const root = mkdtempSync(path.join(os.tmpdir(), 'tessera-webdav-'));
  const asRoot = process.getuid?.() === 0;
  for (const dir of ['www', 'www/dav', 'lock', 'run']) mkdirSync(path.join(root, dir), { recursive: true });
  // {SHA} hashes: apache reads them without apache2-utils' htpasswd.
  const sha = createHash('sha1').update(password).digest('base64');
  writeFileSync(path.join(root, 'htpasswd'), `${user}:{SHA}${sha}\n`);
  if (asRoot) {
    chmodSync(root, 0o755);
    for (const dir of ['www', 'www/dav', 'lock', 'run']) chownSync(path.join(root, dir), 65534, 65534);
  }
  const conf = path.join(root, 'apache.conf');
  let port = 0;
  let child = null;
  const start = async () => {
    port ||= await freePort();
    writeFileSync(conf, config({ root, port, asRoot }));
    child = spawn(APACHE, ['-f', conf, '-DFOREGROUND'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise((_, reject) => child.once('exit', (code) => reject(new Error(`apache2 exited (${code}): ${stderr}${readLog()}`))));
    await Promise.race([waitForPort(port, 15_000), exited]);
    exited.catch(() => undefined);
  };
  const readLog = () => (existsSync(path.join(root, 'error.log')) ? readFileSync(path.join(root, 'error.log'), 'utf8') : '');
  const stop = async () => {
    if (!child || child.exitCode !== null) return;
    const c = child;
    const done = new Promise((resolve) => c.once('exit', resolve));
    c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGKILL'), 5000);
    await done;
    clearTimeout(timer);
    child = null;
  };
  await start();
  const files = () => {
    const out = [];
    const walk = (dir) => {
      for (const f of readdirSync(dir)) {
        const p = path.join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else out.push({ path: path.relative(path.join(root, 'www'), p), bytes: readFileSync(p) });
      }
    };
    walk(path.join(root, 'www'));
    return out;
  };
  return {
    get url() { return `http://127.0.0.1:${port}/dav/`; },
    get origin() { return `http://127.0.0.1:${port}`; },
    user,
    password,
    dataDir: path.join(root, 'www'),
    files,
    stop,
    /** Starts the same server again on the same port and folder (after `stop`). */
    restart: start,
    errorLog: readLog,
    /** Empties the served folder (between tests). */
    reset() {
      for (const f of readdirSync(path.join(root, 'www/dav'))) rmSync(path.join(root, 'www/dav', f), { recursive: true, force: true });
    },
    async close() {
      await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Whether apache2 can run here (the tests say so plainly instead of failing obscurely). */
export function webDavAvailable() {
  return existsSync(APACHE) && spawnSync(APACHE, ['-v']).status === 0;
}
