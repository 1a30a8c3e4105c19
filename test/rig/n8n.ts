// Boots a real headless n8n (1.x on the system Node 20, 2.x on Node 24) on loopback for
// end-to-end tests. One instance = one user folder (sqlite database, config, nodes folder).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
	closeSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readFileSync,
	rmSync,
	statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { n8nEnv } from './env';
import { type Line, N8N_VERSIONS, REPO_ROOT, n8nBinary, nodeBinary } from './paths';
import { freePort } from './ports';
import { sleep } from './wait';

export interface StartOptions {
	line: Line;
	/** Main HTTP port; a free one is picked when omitted. */
	port?: number;
	/** N8N_USER_FOLDER (n8n keeps its data in `<userFolder>/.n8n`); a new temp folder when omitted. */
	userFolder?: string;
	/** Extra environment, applied last (overrides the defaults below). */
	env?: Record<string, string>;
	/** Install this `npm pack` tarball into the nodes folder (like a community install) before boot. */
	packageTarball?: string;
	/** N8N_LOG_LEVEL: error | warn | info | debug (default info, or env N8N_E2E_LOG_LEVEL). */
	logLevel?: 'error' | 'warn' | 'info' | 'debug';
	/** How long to wait for the REST API (default 180 s: cold boots on a busy CI box are slow). */
	bootTimeoutMs?: number;
}

export interface N8nInstance {
	baseUrl: string;
	line: Line;
	version: string;
	port: number;
	userFolder: string;
	/** stdout+stderr of every boot of this instance, appended (restarts included). */
	logFile: string;
	/** Milliseconds the last (re)start took until the REST API answered and workflows were activated. */
	bootMs: number;
	/** Contents of the log file (for asserting what n8n printed, e.g. that no secret leaked). */
	readLog(): string;
	/**
	 * SIGTERM to the whole process group, wait for exit (SIGKILL after a grace period).
	 * `removeFolder` deletes the user folder afterwards (about 50 MB each; kept by default so a
	 * failed run leaves its log and database to look at).
	 */
	stop(opts?: { removeFolder?: boolean }): Promise<void>;
	/** stop(), then start again with the same folder, database, port and env. */
	restart(): Promise<void>;
}

export { E2E_ENCRYPTION_KEY } from './env';

// printed by `n8n start` after the server is listening AND active workflows were activated
const READY_MARKER = 'Editor is now accessible via';

export async function startN8n(options: StartOptions): Promise<N8nInstance> {
	const { line } = options;
	const binary = n8nBinary(line);
	const port = options.port ?? (await freePort());
	const brokerPort = await freePort();
	const userFolder = options.userFolder ?? mkdtempSync(join(tmpdir(), `n8n-e2e-${line}-`));
	mkdirSync(userFolder, { recursive: true });
	const logFile = join(userFolder, 'n8n.log');
	const baseUrl = `http://127.0.0.1:${port}`;

	if (options.packageTarball) installPackage(userFolder, options.packageTarball);

	const env = buildEnv(options, { port, brokerPort, userFolder, baseUrl });
	let child: ChildProcess | undefined;
	let exited: Promise<void> = Promise.resolve();

	const boot = async (): Promise<number> => {
		const started = Date.now();
		const logOffset = fileSize(logFile);
		const fd = openSync(logFile, 'a');
		// detached: own process group, so stop() also reaches the task runners n8n spawns
		const proc = spawn(nodeBinary(line), [binary, 'start'], {
			cwd: userFolder,
			env,
			detached: true,
			stdio: ['ignore', fd, fd],
		});
		closeSync(fd);
		child = proc;
		liveGroups.add(proc.pid!);
		let exitInfo: string | undefined;
		exited = new Promise((resolve) =>
			proc.once('exit', (code, signal) => {
				exitInfo = `code ${code} signal ${signal}`;
				resolve();
			}),
		);
		const deadline = started + (options.bootTimeoutMs ?? 180_000);
		for (;;) {
			if (exitInfo) {
				await killGroup(proc, exited); // its task runners may still be up
				throw new Error(`n8n ${line}.x exited during boot (${exitInfo}):\n${tail(logFile)}`);
			}
			if (Date.now() > deadline) {
				await killGroup(proc, exited);
				throw new Error(`n8n ${line}.x did not become ready at ${baseUrl}:\n${tail(logFile)}`);
			}
			if ((await settingsReady(baseUrl)) && readFrom(logFile, logOffset).includes(READY_MARKER)) {
				return Date.now() - started;
			}
			await sleep(200);
		}
	};

	const instance: N8nInstance = {
		baseUrl,
		line,
		version: N8N_VERSIONS[line],
		port,
		userFolder,
		logFile,
		bootMs: 0,
		readLog: () => readFrom(logFile, 0),
		stop: async ({ removeFolder = false } = {}) => {
			if (child) await killGroup(child, exited);
			child = undefined;
			if (removeFolder) rmSync(userFolder, { recursive: true, force: true });
		},
		restart: async () => {
			await instance.stop();
			instance.bootMs = await boot();
		},
	};
	instance.bootMs = await boot();
	return instance;
}

function buildEnv(
	options: StartOptions,
	{
		port,
		brokerPort,
		userFolder,
		baseUrl,
	}: { port: number; brokerPort: number; userFolder: string; baseUrl: string },
): NodeJS.ProcessEnv {
	return n8nEnv(
		{
			line: options.line,
			userFolder,
			port,
			brokerPort,
			webhookUrl: `${baseUrl}/`,
			logLevel: options.logLevel,
		},
		{ N8N_EDITOR_BASE_URL: `${baseUrl}/`, DB_TYPE: 'sqlite' },
		options.env,
	);
}

/** Installs a tarball into `<userFolder>/.n8n/nodes` the way n8n installs community packages. */
export function installPackage(userFolder: string, tarball: string): void {
	const script = join(REPO_ROOT, 'scripts', 'install-package-like-n8n.sh');
	const result = spawnSync('bash', [script, userFolder, tarball], { encoding: 'utf8' });
	if (result.status !== 0) {
		throw new Error(
			`install-package-like-n8n.sh failed (${result.status}):\n${result.stdout}\n${result.stderr}`,
		);
	}
}

async function settingsReady(baseUrl: string): Promise<boolean> {
	try {
		const res = await fetch(`${baseUrl}/rest/settings`, { signal: AbortSignal.timeout(2_000) });
		if (!res.ok) return false;
		const body = (await res.json()) as { data?: unknown };
		return body.data !== undefined;
	} catch {
		return false; // not listening yet, or the REST API is not mounted yet (HTML / 404)
	}
}

// Live process groups: detached groups survive their parent, so if the test process ends without
// stop() (a crash, Ctrl-C, the runner's timeout) we kill them on the way out.
const liveGroups = new Set<number>();
function killAllNow(): void {
	for (const pgid of liveGroups) {
		try {
			process.kill(-pgid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
	liveGroups.clear();
}
process.once('exit', killAllNow);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.once(sig, () => {
		killAllNow();
		process.kill(process.pid, sig); // our listener is gone now: default behaviour (exit)
	});
}

async function killGroup(proc: ChildProcess, exited: Promise<void>): Promise<void> {
	const running = proc.exitCode === null && proc.signalCode === null;
	const signal = (sig: NodeJS.Signals) => {
		try {
			process.kill(-proc.pid!, sig);
		} catch {
			// the group is already gone
		}
	};
	if (running) await terminate(proc, exited, signal);
	// n8n's task runners share the group; make sure nothing of it outlives the instance (and
	// holds the ports a restart reuses)
	signal('SIGKILL');
	for (let i = 0; i < 50 && groupAlive(proc.pid!); i++) await sleep(100);
	liveGroups.delete(proc.pid!);
}

async function terminate(
	proc: ChildProcess,
	exited: Promise<void>,
	signal: (sig: NodeJS.Signals) => void,
): Promise<void> {
	signal('SIGTERM');
	let timer: NodeJS.Timeout | undefined;
	const graceful = await Promise.race([
		exited.then(() => true),
		new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 20_000))),
	]);
	clearTimeout(timer); // a pending timer would keep the test process alive for 20 s
	if (!graceful) {
		signal('SIGKILL');
		await exited;
	}
}

function groupAlive(pgid: number): boolean {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch {
		return false;
	}
}

function fileSize(file: string): number {
	try {
		return statSync(file).size;
	} catch {
		return 0;
	}
}

function readFrom(file: string, offset: number): string {
	try {
		return readFileSync(file).subarray(offset).toString('utf8');
	} catch {
		return '';
	}
}

function tail(file: string, lines = 40): string {
	return readFrom(file, 0).split('\n').slice(-lines).join('\n');
}
