import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The site configuration that deploy/compose.yaml ships. */
export const SHIPPED_SITE = path.resolve(here, '../../../../deploy/nginx.conf');
export const NGINX = '/usr/sbin/nginx';

/** The compose service names the shipped upstream lists, each on port 3000. */
const APP_HOSTS = ['app1:3000', 'app2:3000', 'app3:3000'] as const;
const LISTEN = 'listen 8080;';

/**
 * The shipped site with the compose hostnames mapped to local ports (nginx resolves upstream
 * names when it loads, and `app1` only resolves inside compose) and the listen port moved.
 * Throws when the shipped file no longer has what is replaced, so a drift fails the test.
 */
export function renderSite(
  source: string,
  appPorts: readonly number[],
  listenPort: number,
): string {
  let site = source;
  APP_HOSTS.forEach((host, index) => {
    const port = appPorts[index % appPorts.length];
    if (port === undefined) throw new Error('renderSite needs at least one app port');
    if (!site.includes(`server ${host} `)) throw new Error(`the site has no upstream ${host}`);
    site = site.replace(`server ${host} `, `server 127.0.0.1:${port} `);
  });
  if (!site.includes(LISTEN)) throw new Error(`the site has no "${LISTEN}"`);
  return site.replace(LISTEN, `listen 127.0.0.1:${listenPort};`);
}

/** A throw-away nginx prefix: a minimal main nginx.conf that includes `site`. */
export interface NginxPrefix {
  dir: string;
  mainConf: string;
  remove(): void;
}

export function writePrefix(site: string): NginxPrefix {
  const dir = mkdtempSync(path.join(tmpdir(), 'wt-nginx-'));
  const sitePath = path.join(dir, 'site.conf');
  writeFileSync(sitePath, site);
  const inPrefix = (name: string): string => path.join(dir, name);
  const mainConf = inPrefix('nginx.conf');
  writeFileSync(
    mainConf,
    [
      `pid ${inPrefix('nginx.pid')};`,
      `error_log ${inPrefix('error.log')} warn;`,
      'worker_processes 1;',
      'events { worker_connections 512; }',
      'http {',
      '  access_log off;',
      `  client_body_temp_path ${inPrefix('client_body')};`,
      `  proxy_temp_path ${inPrefix('proxy')};`,
      `  fastcgi_temp_path ${inPrefix('fastcgi')};`,
      `  uwsgi_temp_path ${inPrefix('uwsgi')};`,
      `  scgi_temp_path ${inPrefix('scgi')};`,
      `  include ${sitePath};`,
      '}',
      '',
    ].join('\n'),
  );
  return {
    dir,
    mainConf,
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `nginx -t` on the prefix; `ok` is its exit status, `output` what it printed. */
export function checkConfig(prefix: NginxPrefix): { ok: boolean; output: string } {
  const result = spawnSync(
    NGINX,
    ['-t', '-p', prefix.dir, '-e', path.join(prefix.dir, 'error.log'), '-c', prefix.mainConf],
    { encoding: 'utf8', timeout: 30_000 },
  );
  if (result.error) throw result.error;
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

export interface RunningNginx {
  stop(): Promise<void>;
}

/** Starts nginx in the foreground on the prefix; resolves once `port` accepts connections. */
export async function startNginx(prefix: NginxPrefix, port: number): Promise<RunningNginx> {
  const child: ChildProcess = spawn(
    NGINX,
    [
      '-p',
      prefix.dir,
      '-e',
      path.join(prefix.dir, 'error.log'),
      '-c',
      prefix.mainConf,
      '-g',
      'daemon off;',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 15_000;
  while (!(await portAnswers(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      const logPath = path.join(prefix.dir, 'error.log');
      const log = existsSync(logPath) ? readFileSync(logPath, 'utf8') : '';
      throw new Error(`nginx did not start: ${stderr}${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { stop };
}
