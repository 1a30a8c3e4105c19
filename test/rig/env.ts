// The environment every n8n process of the kit gets: one n8n (test/rig/n8n.ts) and each process
// of a queue-mode cluster (test/queue/cluster.ts). Nothing of the developer's own n8n settings,
// loopback only, quiet (no telemetry, templates, banners), the fixed encryption key, and what
// each line needs (Node 24 first on PATH for 2.x's task runners; WEBHOOK_URL's 2.35+ name).
import { delimiter } from 'node:path';
import { type Line, nodeBinDir } from './paths';

// Fixed so a restarted instance (and a test that reuses a folder) can decrypt its credentials;
// n8n refuses to start when this differs from the key saved in `<userFolder>/.n8n/config`.
export const E2E_ENCRYPTION_KEY = 'atlas-e2e-encryption-key-not-a-secret';

export interface EnvOptions {
	line: Line;
	/** N8N_USER_FOLDER */
	userFolder: string;
	/** N8N_PORT */
	port: number;
	/** N8N_RUNNERS_BROKER_PORT: every process may start a task-runner broker */
	brokerPort: number;
	/** WEBHOOK_URL (N8N_WEBHOOK_URL on 2.x): the address Atlas gets as hookUrl */
	webhookUrl: string;
	/** N8N_LOG_LEVEL (default env N8N_E2E_LOG_LEVEL, or info) */
	logLevel?: string;
}

/** The defaults, then `overrides` in order (later ones win). */
export function n8nEnv(
	o: EnvOptions,
	...overrides: Array<Record<string, string> | undefined>
): NodeJS.ProcessEnv {
	const inherited: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		// a developer's own n8n settings must not leak in; neither may node:test's child marker
		// or tsx's loader flags (n8n would run its own children under them)
		if (
			/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|GENERIC_TIMEZONE$|NODE_OPTIONS$|NODE_TEST_CONTEXT$)/.test(
				key,
			)
		)
			continue;
		inherited[key] = value;
	}
	const lineEnv: Record<string, string> =
		o.line === 2
			? {
					// n8n spawns node itself (task runners): it must find Node 24 first
					PATH: [nodeBinDir(o.line), process.env.PATH].filter(Boolean).join(delimiter),
					// 2.35+ renamed WEBHOOK_URL (still read, with a deprecation warning)
					N8N_WEBHOOK_URL: o.webhookUrl,
					// both call n8n's servers at boot
					N8N_VERIFIED_PACKAGES_ENABLED: 'false',
					N8N_DISABLED_MODULES: 'mcp-registry,insights',
				}
			: { WEBHOOK_URL: o.webhookUrl };
	return Object.assign(
		{
			...inherited,
			N8N_USER_FOLDER: o.userFolder,
			N8N_PORT: String(o.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_ENCRYPTION_KEY: E2E_ENCRYPTION_KEY,
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_RUNNERS_BROKER_PORT: String(o.brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			N8N_LOG_LEVEL: o.logLevel ?? process.env.N8N_E2E_LOG_LEVEL ?? 'info',
			N8N_LOG_OUTPUT: 'console',
			...lineEnv,
		},
		...overrides,
	);
}
