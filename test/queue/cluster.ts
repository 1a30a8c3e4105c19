// n8n in queue mode for tests: PostgreSQL + Redis (scripts/queue-services.sh), one main process,
// `n8n webhook` and `n8n worker` processes sharing the database, the queue and the encryption
// key. Each process has its own user folder with the package installed the way n8n installs a
// community package. Builds on the single-process harness (test/rig): same binaries,
// same Node per line, same quiet defaults.
//
// Environment each process gets (read in n8n 2.41.1 @n8n/config dist/configs and commands/*.js;
// the names are the same on 1.123.50, except WEBHOOK_URL, renamed N8N_WEBHOOK_URL in 2.35):
//   DB_TYPE=postgresdb, DB_POSTGRESDB_HOST/PORT/DATABASE/USER/PASSWORD   shared database
//   EXECUTIONS_MODE=queue, QUEUE_BULL_REDIS_HOST/PORT                  shared queue
//   N8N_ENCRYPTION_KEY (the same everywhere: credentials are decrypted by workers)
//   N8N_WEBHOOK_URL / WEBHOOK_URL = the load balancer's address (what Atlas gets as hookUrl)
//   N8N_PORT (main, webhook), QUEUE_HEALTH_CHECK_ACTIVE/PORT (workers: /healthz/readiness),
//   N8N_RUNNERS_BROKER_PORT (one per process: every process may start a task-runner broker)
//   main only: N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true (production webhooks only on webhook
//   processes, as in n8n's queue-mode guide)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, cpSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { installPackage, E2E_ENCRYPTION_KEY } from '../rig/n8n';
import { type Line, REPO_ROOT, n8nBinary, nodeBinDir, nodeBinary } from '../rig/paths';
import { freePort } from '../rig/ports';
import { sleep } from '../rig/wait';

export type Kind = 'main' | 'webhook' | 'worker';

export interface Services {
	env: Record<string, string>;
	stop(): void;
}

/** Starts PostgreSQL and Redis in `dir` on free loopback ports (installs the packages when missing). */
export async function startServices(dir: string): Promise<Services> {
	const script = join(REPO_ROOT, 'scripts', 'queue-services.sh');
	const [pgPort, redisPort] = [await freePort(), await freePort()];
	const run = spawnSync('bash', [script, 'start', dir, String(pgPort), String(redisPort)], {
		encoding: 'utf8',
	});
	if (run.status !== 0)
		throw new Error(
			`queue-services.sh start failed (${run.status}):\n${run.stdout}\n${run.stderr}`,
		);
	const env: Record<string, string> = { DB_TYPE: 'postgresdb' };
	for (const line of run.stdout.split('\n')) {
		const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
		if (m) env[m[1]] = m[2];
	}
	return { env, stop: () => void spawnSync('bash', [script, 'stop', dir], { stdio: 'ignore' }) };
}

export interface QueueProcess {
	kind: Kind;
	name: string;
	/** HTTP port: the UI/REST for main, webhooks for a webhook process, the health server of a worker. */
	port: number;
	baseUrl: string;
	userFolder: string;
	logFile: string;
	pid: number;
	bootMs: number;
	readonly alive: boolean;
	readLog(): string;
	/** SIGKILL to the whole process group, now (a crash: no graceful shutdown). */
	kill(): Promise<void>;
	/** SIGTERM to the group, SIGKILL after 20 s. */
	stop(): Promise<void>;
}

export interface ProcessOptions {
	line: Line;
	kind: Kind;
	name: string;
	/** Where this process keeps its user folder (a copy of `template`'s .n8n/nodes is made there). */
	userFolder: string;
	/** A user folder holding the installed package (see installTemplate). */
	template: string;
	/** Database, queue and webhook URL; applied after the defaults. */
	env: Record<string, string>;
	bootTimeoutMs?: number;
}

/** Installs the packed package once, like a community package; processes get copies of it. */
export function installTemplate(folder: string, tarball: string): string {
	mkdirSync(folder, { recursive: true });
	installPackage(folder, tarball);
	return folder;
}

const READY: Record<Kind, string> = {
	main: 'Editor is now accessible via',
	webhook: 'Webhook listener waiting for requests',
	worker: 'n8n worker is now ready',
};

const live = new Set<number>();
process.once('exit', () => {
	for (const pgid of live) {
		try {
			process.kill(-pgid, 'SIGKILL');
		} catch {
			// gone
		}
	}
});

export async function startProcess(o: ProcessOptions): Promise<QueueProcess> {
	mkdirSync(o.userFolder, { recursive: true });
	cpSync(join(o.template, '.n8n', 'nodes'), join(o.userFolder, '.n8n', 'nodes'), {
		recursive: true,
	});
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const logFile = join(o.userFolder, `${o.name}.log`);
	const env = buildEnv(o, port, await freePort());
	const started = Date.now();
	const fd = openSync(logFile, 'a');
	const args = [n8nBinary(o.line), o.kind === 'main' ? 'start' : o.kind];
	if (o.kind === 'worker') args.push('--concurrency=10');
	const child: ChildProcess = spawn(nodeBinary(o.line), args, {
		cwd: o.userFolder,
		env,
		detached: true,
		stdio: ['ignore', fd, fd],
	});
	closeSync(fd);
	const pid = child.pid!;
	live.add(pid);
	let exitInfo: string | undefined;
	const exited = new Promise<void>((resolve) =>
		child.once('exit', (code, signal) => {
			exitInfo = `code ${code} signal ${signal}`;
			resolve();
		}),
	);
	const readLog = () => {
		try {
			return readFileSync(logFile, 'utf8');
		} catch {
			return '';
		}
	};
	const group = (sig: NodeJS.Signals) => {
		try {
			process.kill(-pid, sig);
		} catch {
			// gone
		}
	};
	const proc: QueueProcess = {
		kind: o.kind,
		name: o.name,
		port,
		baseUrl,
		userFolder: o.userFolder,
		logFile,
		pid,
		bootMs: 0,
		get alive() {
			return exitInfo === undefined;
		},
		readLog,
		kill: async () => {
			group('SIGKILL');
			await exited;
			live.delete(pid);
		},
		stop: async () => {
			if (exitInfo === undefined) {
				group('SIGTERM');
				let timer: NodeJS.Timeout | undefined;
				const done = await Promise.race([
					exited.then(() => true),
					new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 20_000))),
				]);
				clearTimeout(timer);
				if (!done) group('SIGKILL');
				await exited;
			}
			group('SIGKILL'); // task runners share the group
			live.delete(pid);
		},
	};
	const deadline = started + (o.bootTimeoutMs ?? 180_000);
	for (;;) {
		if (exitInfo)
			throw new Error(`${o.name} exited during boot (${exitInfo}):\n${tail(readLog())}`);
		if (Date.now() > deadline) {
			await proc.kill();
			throw new Error(`${o.name} did not become ready:\n${tail(readLog())}`);
		}
		if (readLog().includes(READY[o.kind]) && (await healthy(o.kind, baseUrl))) break;
		await sleep(250);
	}
	proc.bootMs = Date.now() - started;
	return proc;
}

async function healthy(kind: Kind, baseUrl: string): Promise<boolean> {
	try {
		const res = await fetch(
			kind === 'main' ? `${baseUrl}/rest/settings` : `${baseUrl}/healthz/readiness`,
			{ signal: AbortSignal.timeout(2_000) },
		);
		if (!res.ok) return false;
		if (kind !== 'main') return true;
		return ((await res.json()) as { data?: unknown }).data !== undefined;
	} catch {
		return false;
	}
}

function buildEnv(o: ProcessOptions, port: number, brokerPort: number): NodeJS.ProcessEnv {
	const inherited: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (
			/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|GENERIC_TIMEZONE$|NODE_OPTIONS$|NODE_TEST_CONTEXT$)/.test(
				key,
			)
		)
			continue;
		inherited[key] = value;
	}
	const binDir = nodeBinDir(o.line);
	const webhookUrl = o.env.WEBHOOK_URL;
	const lineEnv: Record<string, string> =
		o.line === 2
			? {
					PATH: [binDir, process.env.PATH].filter(Boolean).join(delimiter),
					N8N_WEBHOOK_URL: webhookUrl,
					N8N_VERIFIED_PACKAGES_ENABLED: 'false',
					N8N_DISABLED_MODULES: 'mcp-registry,insights',
				}
			: { WEBHOOK_URL: webhookUrl };
	const { WEBHOOK_URL: _w, ...rest } = o.env;
	const kindEnv: Record<string, string> =
		o.kind === 'main'
			? { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' }
			: o.kind === 'worker'
				? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port) }
				: {};
	return {
		...inherited,
		N8N_USER_FOLDER: o.userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_ENCRYPTION_KEY: E2E_ENCRYPTION_KEY,
		EXECUTIONS_MODE: 'queue',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		N8N_LOG_LEVEL: process.env.N8N_E2E_LOG_LEVEL ?? 'info',
		N8N_LOG_OUTPUT: 'console',
		...lineEnv,
		...kindEnv,
		...rest,
	};
}

export function fileSize(file: string): number {
	try {
		return statSync(file).size;
	} catch {
		return 0;
	}
}

function tail(text: string, lines = 40): string {
	return text.split('\n').slice(-lines).join('\n');
}
