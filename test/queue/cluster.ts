// n8n in queue mode for tests: PostgreSQL + Redis (scripts/queue-services.sh), one main process,
// `n8n webhook` and `n8n worker` processes sharing the database, the queue and the encryption
// key. Each process has its own user folder with the package installed the way n8n installs a
// community package. Builds on the single-process harness (test/rig): same binaries,
// same Node per line, same environment (test/rig/env.ts). Both queue suites start theirs with
// useCluster({ line, name, webhooks, workers, env }); one process is process.ts.
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
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { N8nClient } from '../rig/client';
import { type Line, REPO_ROOT } from '../rig/paths';
import { freePort } from '../rig/ports';
import { packOnce } from '../rig/rig';
import { type Kind, type QueueProcess, installTemplate, startProcess } from './process';

export type { QueueProcess } from './process';

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

export interface ClusterOptions {
	line: Line;
	/** The temp folders are named `atlas-<name>-*` and `atlas-<name>-services-*`. */
	name: string;
	webhooks: number;
	workers: number;
	/** More environment for every process (WEBHOOK_URL, tuning), after database and queue. */
	env?: () => Record<string, string>;
	/** Called after each stage with the time it took (services, install, boots). */
	lap?: (stage: string, since: number) => void;
}

/** A queue-mode n8n: its processes, and a client logged in as the owner on the main process. */
export interface QueueCluster {
	main: QueueProcess;
	webhooks: QueueProcess[];
	workers: QueueProcess[];
	client: N8nClient;
	/** Every process started so far (for diagnostics: also while starting). */
	processes(): QueueProcess[];
	/** The last 25 lines (no migrations) of each process's log. */
	logTails(): string;
}

/**
 * For a describe body: PostgreSQL + Redis, the packed package installed once, then the main
 * process (migrations run there) and the webhook and worker processes side by side, and the
 * owner; all stopped after the tests. Answers the cluster, filled in once `before` has run.
 */
export function useCluster(o: ClusterOptions): QueueCluster {
	const root = mkdtempSync(join(tmpdir(), `atlas-${o.name}-`));
	const lap = o.lap ?? (() => undefined);
	let services: Services | undefined;
	const cluster: QueueCluster = {
		main: undefined as unknown as QueueProcess,
		webhooks: [],
		workers: [],
		client: undefined as unknown as N8nClient,
		processes: () => [cluster.main, ...cluster.webhooks, ...cluster.workers].filter(Boolean),
		logTails: () =>
			cluster
				.processes()
				.map(
					(p) =>
						`--- ${p.name} (${p.logFile}) ---\n${p
							.readLog()
							.split('\n')
							.filter((l) => !/migration/i.test(l))
							.slice(-25)
							.join('\n')}`,
				)
				.join('\n'),
	};
	before(async () => {
		let since = Date.now();
		services = await startServices(mkdtempSync(join(tmpdir(), `atlas-${o.name}-services-`)));
		lap('services', since);
		since = Date.now();
		const template = installTemplate(join(root, 'template'), packOnce('queue'));
		lap('install package', since);
		const env = { ...services.env, ...o.env?.() };
		const start = (kind: Kind, name: string) =>
			startProcess({ line: o.line, kind, name, userFolder: join(root, name), template, env });
		since = Date.now();
		cluster.main = await start('main', 'main');
		lap('boot main', since);
		since = Date.now();
		const names = (kind: Kind, n: number) =>
			Array.from({ length: n }, (_, i) => [kind, `${kind}-${i + 1}`] as const);
		const started = await Promise.allSettled(
			[...names('webhook', o.webhooks), ...names('worker', o.workers)].map(async ([kind, name]) => {
				const proc = await start(kind, name);
				(kind === 'webhook' ? cluster.webhooks : cluster.workers).push(proc);
				return proc;
			}),
		);
		const failed = started.find((r) => r.status === 'rejected');
		if (failed) throw failed.reason;
		// in the order of their names (they booted side by side)
		const byName = (a: QueueProcess, b: QueueProcess) => a.name.localeCompare(b.name);
		cluster.webhooks.sort(byName);
		cluster.workers.sort(byName);
		lap('boot webhook+worker processes', since);
		cluster.client = new N8nClient(cluster.main.baseUrl, o.line);
		await cluster.client.setupOwner();
	});
	after(async () => {
		await Promise.all(cluster.processes().map((p) => p.stop()));
		services?.stop();
	});
	return cluster;
}

/** A test that, when it fails, prints each process's log tail (through `redact`). */
export function clusterStep(
	cluster: QueueCluster,
	redact: (text: string) => string,
): (name: string, fn: () => Promise<void>) => void {
	return (name, fn) =>
		void test(name, async () => {
			try {
				await fn();
			} catch (error) {
				console.error(`\n# "${name}" failed\n${redact(cluster.logTails())}`);
				throw error;
			}
		});
}
