// One n8n process of a queue-mode cluster (cluster.ts): main, `n8n webhook` or `n8n worker`,
// in its own process group and user folder (a copy of the template's installed package), with
// the kit's environment (test/rig/env.ts) plus queue mode, and ready when its log and health
// endpoint say so.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, cpSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { n8nEnv } from '../rig/env';
import { installPackage } from '../rig/n8n';
import { type Line, n8nBinary, nodeBinary } from '../rig/paths';
import { freePort } from '../rig/ports';
import { sleep } from '../rig/wait';

export type Kind = 'main' | 'webhook' | 'worker';

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
	const { WEBHOOK_URL: webhookUrl, ...rest } = o.env;
	const kindEnv: Record<string, string> =
		o.kind === 'main'
			? { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' }
			: o.kind === 'worker'
				? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port) }
				: {};
	return n8nEnv(
		{ line: o.line, userFolder: o.userFolder, port, brokerPort, webhookUrl },
		{ EXECUTIONS_MODE: 'queue' },
		kindEnv,
		rest,
	);
}

function tail(text: string, lines = 40): string {
	return text.split('\n').slice(-lines).join('\n');
}
