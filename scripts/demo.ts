// One-command demo: `npm start` (after `npm install`). Builds and packs this package, installs a
// pinned real n8n when missing, starts the Atlas emulator and n8n with the package installed the
// way n8n installs community packages, creates an owner, a credential and the example workflow
// (examples/demo-call-completed.json), activates it, fires sample call_completed events (and one
// duplicate) and prints what happened. Ctrl-C stops everything it started.
//
//   npm start                      n8n 2.41 (Node 24)
//   npm start -- --line 1          n8n 1.123 (Node 20)
//   npm start -- --fresh           start from an empty n8n user folder
//   npm start -- --once            run, print, stop; exit 0 when everything worked (CI: npm run demo:check)
//
// Runs with `node --import tsx` (no tsx wrapper process, so Ctrl-C reaches exactly one process).
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	HttpError,
	N8nClient,
	type Execution,
	type Workflow,
	type WorkflowJson,
} from '../test/rig/client';
import { type N8nInstance, startN8n } from '../test/rig/n8n';
import { CACHE, type Line, N8N_VERSIONS, REPO_ROOT, n8nInstallDir } from '../test/rig/paths';
import { freePort } from '../test/rig/ports';
import { sleep, waitFor } from '../test/rig/wait';
import {
	type Emulator,
	type FireResult,
	type Subscription,
	callAction,
	startEmulator,
} from '../test/emulator';
import { availabilityWorkflow } from './workflows/action';

const DEMO_OWNER = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'User',
	password: 'Atlas-Demo-2025',
};
const CREDENTIAL_NAME = 'Atlas (demo emulator)';
const WORKFLOW_FILE = join(REPO_ROOT, 'examples', 'demo-call-completed.json');
const N8N_PORT = 5678;
const EMULATOR_PORT = 5680;
const NODE_NAMES = {
	trigger: 'Atlas Trigger',
	format: 'Format message',
	action: 'Get call details',
} as const;

/** An expected failure: printed as a friendly message with what to do, never as a stack trace. */
class DemoError extends Error {
	constructor(
		message: string,
		readonly hint?: string,
	) {
		super(message);
	}
}

interface Args {
	line: Line;
	once: boolean;
	fresh: boolean;
}

function parseArgs(argv: string[]): Args {
	const args: Args = {
		line: 2,
		once: process.env.DEMO_ONCE === '1' || process.env.DEMO_ONCE === 'true',
		fresh: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [name, inline] = arg.split('=', 2);
		if (name === '--line') {
			const value = inline ?? argv[++i];
			if (value !== '1' && value !== '2')
				throw new DemoError(
					`--line must be 1 or 2, not "${value ?? ''}"`,
					'npm start -- --line 1  (n8n 1.123) or --line 2 (n8n 2.41, the default)',
				);
			args.line = Number(value) as Line;
		} else if (arg === '--once') args.once = true;
		else if (arg === '--fresh') args.fresh = true;
		else if (arg === '--help' || arg === '-h') {
			console.log(
				[
					'npm start [-- options]   an Atlas emulator + a real n8n with the Atlas nodes and a demo workflow',
					'  --line 1|2   n8n 1.123 on Node 20, or n8n 2.41 on Node 24 (default 2)',
					'  --fresh      start from an empty n8n user folder (new database)',
					'  --once       run the demo, print the summary, stop everything and exit (0 = it worked)',
				].join('\n'),
			);
			process.exit(0);
		} else throw new DemoError(`unknown option "${arg}"`, 'npm start -- --help lists the options');
	}
	return args;
}

// ---------------------------------------------------------------------------------------------
// output

const started = Date.now();
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const tty = process.stdout.isTTY;
const bold = (s: string) => (tty ? `\x1b[1m${s}\x1b[22m` : s);
const green = (s: string) => (tty ? `\x1b[32m${s}\x1b[39m` : s);
const dim = (s: string) => (tty ? `\x1b[2m${s}\x1b[22m` : s);
const red = (s: string) => (tty ? `\x1b[31m${s}\x1b[39m` : s);
const home = (p: string) => p.replace(homedir(), '~');

const step = (s: string) => console.log(`  ${dim('…')} ${s}`);
const done = (s: string) => console.log(`  ${green('✓')} ${s}`);
const note = (s: string) => console.log(`    ${dim(s)}`);

// ---------------------------------------------------------------------------------------------
// what the demo started, and stopping it

let emulator: Emulator | undefined;
let n8n: N8nInstance | undefined;
let n8nBooting: Promise<N8nInstance> | undefined;
let lockFile: string | undefined;
let packDir: string | undefined;
let stopping: Promise<void> | undefined;

async function stopAll(): Promise<void> {
	stopping ??= (async () => {
		// n8n cannot be stopped before it has finished booting (the harness hands it over then)
		if (!n8n && n8nBooting) {
			step('waiting for n8n to finish starting, to stop it cleanly');
			n8n = await n8nBooting.catch(() => undefined);
		}
		if (n8n) {
			step('stopping n8n');
			await n8n.stop().catch(() => undefined);
		}
		if (emulator) await emulator.close().catch(() => undefined);
		if (lockFile) rmSync(lockFile, { force: true });
		if (packDir) rmSync(packDir, { recursive: true, force: true });
		done('stopped everything the demo started');
	})();
	return stopping;
}

function onSignal(signal: NodeJS.Signals): void {
	if (stopping) {
		console.log(dim(`\n  (${signal} again: still stopping, please wait)`));
		return;
	}
	console.log('');
	stopAll().then(
		() => process.exit(0),
		() => process.exit(0),
	);
}

// ---------------------------------------------------------------------------------------------
// steps

function run(
	cmd: string,
	args: string[],
	{ quiet }: { quiet: boolean },
): Promise<{ code: number; output: string }> {
	return new Promise((resolve) => {
		const child = spawn(cmd, args, {
			cwd: REPO_ROOT,
			stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
		});
		let output = '';
		child.stdout?.on('data', (d) => (output += d));
		child.stderr?.on('data', (d) => (output += d));
		child.on('error', (err) => resolve({ code: -1, output: String(err.message) }));
		child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 130 : 1), output }));
	});
}

async function buildAndPack(): Promise<string> {
	step('building the package (npm run build)');
	const t = Date.now();
	const build = await run('npm', ['run', 'build'], { quiet: true });
	if (build.code !== 0) {
		console.log(build.output.split('\n').slice(-30).join('\n'));
		throw new DemoError(
			'the build failed (its output is above)',
			'fix the errors `npm run build` reports, then run npm start again',
		);
	}
	const dir = mkdtempSync(join(tmpdir(), 'atlas-demo-pack-'));
	packDir = dir;
	const pack = await run('npm', ['pack', '--silent', '--pack-destination', dir], { quiet: true });
	const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
	if (pack.code !== 0 || !tgz) throw new DemoError(`npm pack failed:\n${pack.output.trim()}`);
	done(`built and packed ${tgz} (${secs(Date.now() - t)})`);
	return join(dir, tgz);
}

async function ensureN8nInstalled(line: Line): Promise<void> {
	const dir = n8nInstallDir(line);
	const node24 = join(CACHE, 'node24', '.ok');
	const version = N8N_VERSIONS[line];
	if (existsSync(join(dir, '.ok')) && (line === 1 || existsSync(node24))) {
		done(`n8n ${version} is installed (${home(dir)})`);
		return;
	}
	step(`installing n8n ${version}${line === 2 ? ' and Node 24' : ''} into ${home(dir)}`);
	note('first run only: this downloads about 2-3 GB from the npm registry and takes a few minutes');
	const t = Date.now();
	const result = await run('bash', [join(REPO_ROOT, 'scripts', 'install-n8n.sh'), String(line)], {
		quiet: false,
	});
	if (result.code !== 0) {
		throw new DemoError(
			`installing n8n ${version} failed (exit code ${result.code})`,
			`the install's last line above says why (registry or disk) and what to do; then run npm start again`,
		);
	}
	done(`installed n8n ${version} (${secs(Date.now() - t)})`);
}

async function portIsFree(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const srv = createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

async function pickPort(preferred: number, what: string): Promise<number> {
	if (await portIsFree(preferred)) return preferred;
	const port = await freePort();
	note(`port ${preferred} is busy, so ${what} uses port ${port}`);
	return port;
}

async function startAtlasEmulator(): Promise<Emulator> {
	const port = await pickPort(EMULATOR_PORT, 'the Atlas emulator');
	// a new key each run; it only ever goes into the n8n credential (never printed)
	const apiKey = `demo-${randomBytes(18).toString('base64url')}`;
	try {
		emulator = await startEmulator({ port, apiKey });
	} catch (error) {
		throw new DemoError(
			`the Atlas emulator could not listen on port ${port}: ${(error as Error).message}`,
			'free the port, or run npm start again to pick another one',
		);
	}
	done(`Atlas emulator on ${emulator.baseUrl}`);
	return emulator;
}

function userFolderFor(line: Line, fresh: boolean): string {
	const folder = join(CACHE, `demo-${line}`);
	const lock = join(folder, 'demo.pid');
	if (existsSync(lock)) {
		const pid = Number(readFileSync(lock, 'utf8'));
		if (pid && pid !== process.pid && processAlive(pid)) {
			throw new DemoError(
				`another demo (process ${pid}) is using the n8n ${N8N_VERSIONS[line]} user folder ${home(folder)}`,
				'stop it first (Ctrl-C in its terminal), or run the other line: npm start -- --line ' +
					(line === 1 ? '2' : '1'),
			);
		}
	}
	if (fresh && existsSync(folder)) {
		rmSync(folder, { recursive: true, force: true });
		note(`--fresh: removed ${home(folder)}`);
	}
	mkdirSync(folder, { recursive: true });
	writeFileSync(lock, String(process.pid));
	lockFile = lock;
	return folder;
}

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

async function bootN8n(line: Line, userFolder: string, tarball: string): Promise<N8nInstance> {
	const port = await pickPort(N8N_PORT, 'n8n');
	const reused = existsSync(join(userFolder, '.n8n', 'database.sqlite'));
	step(
		`starting n8n ${N8N_VERSIONS[line]} on port ${port} (${reused ? 'reusing' : 'new'} user folder ${home(userFolder)})`,
	);
	if (!reused)
		note(
			'a new database takes a little longer to set up; the next start reuses it (--fresh starts over)',
		);
	n8nBooting = startN8n({ line, port, userFolder, packageTarball: tarball }).then(
		(instance) => instance,
		(error: Error) => {
			n8nBooting = undefined;
			throw new DemoError(
				`n8n did not start: ${error.message.split('\n')[0]}`,
				`its log is ${home(join(userFolder, 'n8n.log'))}; if the user folder is damaged, run npm start -- --fresh${line === 1 ? ' --line 1' : ''}`,
			);
		},
	);
	const instance = await n8nBooting;
	n8n = instance;
	n8nBooting = undefined;
	done(`n8n ${instance.version} ready at ${instance.baseUrl} (${secs(instance.bootMs)})`);
	return instance;
}

async function ownerLogin(client: N8nClient, userFolder: string, line: Line): Promise<void> {
	const settings = await client.rest<{ userManagement?: { showSetupOnFirstLoad?: boolean } }>(
		'GET',
		'/settings',
	);
	try {
		if (settings.userManagement?.showSetupOnFirstLoad) {
			await client.rest('POST', '/owner/setup', DEMO_OWNER);
			done(`created the owner account ${DEMO_OWNER.email}`);
		} else {
			await client.rest('POST', '/login', {
				emailOrLdapLoginId: DEMO_OWNER.email,
				password: DEMO_OWNER.password,
			});
			done(`logged in as ${DEMO_OWNER.email}`);
		}
	} catch (error) {
		if (error instanceof HttpError && error.status < 500) {
			throw new DemoError(
				`could not log in to the n8n in ${home(userFolder)} as ${DEMO_OWNER.email} (HTTP ${error.status})`,
				`that folder was set up with another owner: start over with npm start -- --fresh${line === 1 ? ' --line 1' : ''}`,
			);
		}
		throw error;
	}
}

/** Creates the credential, or points the one of an earlier run at this run's emulator. */
async function upsertCredential(
	client: N8nClient,
	emu: Emulator,
): Promise<{ id: string; name: string }> {
	const data = { apiKey: emu.apiKey, baseUrl: emu.baseUrl };
	const existing = (
		await client.rest<Array<{ id: string; name: string; type: string }>>('GET', '/credentials')
	).find((c) => c.type === 'atlasApi' && c.name === CREDENTIAL_NAME);
	if (existing) {
		await client.rest('PATCH', `/credentials/${existing.id}`, {
			name: CREDENTIAL_NAME,
			type: 'atlasApi',
			data,
		});
		done(`updated the credential "${CREDENTIAL_NAME}" (Base URL ${emu.baseUrl})`);
		return { id: existing.id, name: CREDENTIAL_NAME };
	}
	const created = await client.createCredential(CREDENTIAL_NAME, 'atlasApi', data);
	done(`created the credential "${CREDENTIAL_NAME}" (Base URL ${emu.baseUrl})`);
	return { id: created.id, name: created.name };
}

function loadWorkflow(credential: { id: string; name: string }): WorkflowJson {
	let json: WorkflowJson;
	try {
		json = JSON.parse(readFileSync(WORKFLOW_FILE, 'utf8')) as WorkflowJson;
	} catch (error) {
		throw new DemoError(`cannot read ${WORKFLOW_FILE}: ${(error as Error).message}`);
	}
	for (const node of json.nodes) {
		if (
			node.credentials &&
			typeof node.credentials === 'object' &&
			'atlasApi' in node.credentials
		) {
			node.credentials = { atlasApi: credential };
		}
	}
	return json;
}

/** Removes the demo workflow(s) an earlier run left (deactivating unsubscribes them from Atlas). */
async function removeEarlierWorkflows(client: N8nClient, name: string): Promise<void> {
	const list = await client.rest<Array<{ id: string; name: string }>>('GET', '/workflows');
	for (const wf of list.filter((w) => w.name === name)) {
		try {
			await client.deleteWorkflow(wf.id);
			note(`removed the demo workflow of an earlier run (${wf.id})`);
		} catch (error) {
			note(
				`could not remove the earlier demo workflow ${wf.id}: ${(error as Error).message.split('\n')[0]}`,
			);
		}
	}
}

async function activate(
	client: N8nClient,
	emu: Emulator,
	workflow: Workflow,
): Promise<Subscription[]> {
	try {
		await client.activate(workflow.id);
	} catch (error) {
		const message =
			error instanceof HttpError
				? String((error.body as { message?: string })?.message ?? error.message)
				: (error as Error).message;
		throw new DemoError(
			`n8n could not activate the workflow: ${message}`,
			`see ${home(n8n!.logFile)}`,
		);
	}
	const webhookId = workflow.nodes.find((n) => n.name === NODE_NAMES.trigger)?.webhookId ?? '';
	// 2.x answers the activation at once and subscribes in the background: wait for the effect
	const subs = await waitFor(
		() => {
			const mine = emu.subscriptions().filter((s) => s.hookUrl.includes(webhookId));
			return mine.length > 0 && mine;
		},
		{ timeout: 30_000, what: 'the Atlas Trigger to subscribe in the emulator' },
	).catch(() => {
		throw new DemoError(
			'the workflow is active but the Atlas Trigger made no subscription in the emulator',
			`see ${home(n8n!.logFile)}`,
		);
	});
	// the production route must answer (401 for a wrong token) before the first delivery
	const probe = new URL(subs[0].hookUrl);
	probe.searchParams.set('token', 'probe');
	await waitFor(
		async () =>
			(
				await fetch(probe, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: '[]',
				})
			).status !== 404,
		{
			timeout: 15_000,
			what: 'the production webhook',
		},
	);
	done(`activated the workflow "${workflow.name}"`);
	return subs;
}

function redact(hookUrl: string): string {
	return hookUrl.replace(/([?&]token=)[^&]*/, '$1***');
}

function nodeJson(execution: Execution, node: string): Record<string, unknown> | undefined {
	return execution.data?.resultData?.runData?.[node]?.[0]?.data?.main?.[0]?.[0]?.json;
}

function checkDeliveries(result: FireResult, what: string): void {
	const bad = result.deliveries.filter((d) => d.status === null || d.status >= 300);
	if (bad.length > 0) {
		throw new DemoError(
			`n8n refused ${bad.length} of ${result.deliveries.length} deliveries of ${what} (HTTP ${bad.map((d) => d.status ?? 'no answer').join(', ')})`,
			`see ${home(n8n!.logFile)}`,
		);
	}
	if (result.deliveries.length === 0)
		throw new DemoError(`no subscription in the emulator matched ${what}`);
}

interface Outcome {
	executions: Execution[];
	duplicateDropped: boolean;
	duplicateOf: string;
}

async function fireSamples(client: N8nClient, emu: Emulator, workflowId: string): Promise<Outcome> {
	step('firing 3 sample call_completed events (2 of the sales campaign, 1 of the front desk)');
	const sales = await emu.fire('call_completed', {
		campaignId: 'cmp_sales',
		count: 2,
		persist: true,
	});
	checkDeliveries(sales, 'the sales calls');
	const desk = await emu.fire('call_completed', {
		campaignId: 'cmp_support',
		count: 1,
		persist: true,
	});
	checkDeliveries(desk, 'the front desk call');
	await client.createApiKey(`atlas-demo ${new Date().toISOString()}`);
	const executions = await client.waitForExecutions(workflowId, 3, 60_000).catch(() => {
		throw new DemoError(
			'the 3 events did not start 3 executions within a minute',
			`see ${home(n8n!.logFile)}`,
		);
	});
	done(`n8n ran the workflow ${executions.length} times`);

	// Atlas delivers at least once: deliver the first event again, exactly as it was
	const first = sales.events[0] as { callId: string };
	step(`delivering the call ${first.callId} a second time (as Atlas may do)`);
	const again = await emu.fire('call_completed', { events: [first] });
	checkDeliveries(again, 'the duplicate');
	await sleep(3_000);
	const after = await client.executions({ workflowId });
	const duplicateDropped = after.length === executions.length;
	if (duplicateDropped) done('the duplicate was dropped: no new execution');
	else
		console.log(
			`  ${red('✗')} the duplicate started an execution (${after.length} executions now)`,
		);
	return {
		executions: [...executions].sort((a, b) => Number(a.id) - Number(b.id)),
		duplicateDropped,
		duplicateOf: first.callId,
	};
}

const LEAD_WORKFLOW = 'Atlas demo: a lead → the AI calls';
const LEAD = { name: 'Grace Okafor', phone: '(415) 555-0177', note: 'wants a solar quote' };

/**
 * The acting loop: a lead is posted to a Webhook → Atlas Call > Schedule → the emulator places the
 * call → its call_completed reaches the demo workflow's Atlas Trigger → the formatted message.
 * Answers the problems found (none when the loop closed).
 */
async function leadLoop(
	client: N8nClient,
	credential: { id: string; name: string },
	demoWorkflowId: string,
): Promise<string[]> {
	step(`a lead enters: the workflow "${LEAD_WORKFLOW}" (Webhook → Atlas Call > Schedule)`);
	await removeEarlierWorkflows(client, LEAD_WORKFLOW);
	const path = `demo-lead-${randomBytes(6).toString('hex')}`;
	const workflow = await client.createWorkflow({
		name: LEAD_WORKFLOW,
		nodes: [
			{
				name: 'New lead',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
			},
			{
				name: 'Call the lead',
				type: 'n8n-nodes-atlas.atlas',
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					resource: 'call',
					operation: 'schedule',
					campaign: { __rl: true, mode: 'id', value: 'cmp_sales' },
					customerPhoneNumber: '={{ $json.body.phone }}',
					customerName: '={{ $json.body.name }}',
					customerInfo: '=Website lead: {{ $json.body.note }}',
					scheduleOptions: {},
				},
				credentials: { atlasApi: credential },
			},
		],
		connections: { 'New lead': { main: [[{ node: 'Call the lead', type: 'main', index: 0 }]] } },
	});
	await client.activate(workflow.id);
	const url = `${n8n!.baseUrl}/webhook/${path}`;
	const before = (await client.executions({ workflowId: demoWorkflowId })).length;
	// until the route is served n8n answers 404 and runs nothing: the first 200 is the lead
	await waitFor(
		async () => {
			const res = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(LEAD),
			});
			await res.text();
			return res.status === 200;
		},
		{ timeout: 30_000, what: 'the lead webhook' },
	);
	done(`posted the lead ${LEAD.name}, ${LEAD.phone} to ${dim(url)}`);
	const [run] = await client.waitForExecutions(workflow.id, 1, 30_000);
	const scheduled = nodeJson(await client.execution(run.id), 'Call the lead');
	if (!scheduled || scheduled.skipped !== false)
		return [`Call > Schedule did not schedule the lead: ${JSON.stringify(scheduled ?? {})}`];
	done(
		`Atlas Call > Schedule: call #${String(scheduled.sequenceNumber)} to ${String(scheduled.customerPhoneNumber)} (the number in E.164), now`,
	);
	step('the emulator places the call: call_started, then call_completed to the Atlas Trigger');
	const executions = await client
		.waitForExecutions(demoWorkflowId, before + 1, 30_000)
		.catch(() => undefined);
	if (!executions) return ["the scheduled call's call_completed started no execution"];
	const latest = [...executions].sort((a, b) => Number(b.id) - Number(a.id))[0];
	const message = nodeJson(await client.execution(latest.id), NODE_NAMES.format)?.message;
	done(`the Atlas Trigger's Call Completed ran the demo workflow (#${latest.id}):`);
	if (typeof message === 'string') for (const l of message.split('\n')) console.log(`    ${l}`);
	if (typeof message !== 'string' || !message.includes(LEAD.name))
		return [`the call's message does not name the lead: ${String(message)}`];
	return [];
}

const ACTION_CREDENTIAL_NAME = 'Atlas Action secret (demo)';
const ACTION_HEADER = 'X-Atlas-Secret';

/**
 * The agent asks n8n mid-call: an active Atlas Action Trigger workflow (declared parameters
 * date and partySize, answered by its last node), called by the emulator as Atlas calls an
 * action, with the secret header. Prints the agent's request and n8n's answer with its latency.
 */
async function agentLoop(client: N8nClient): Promise<string[]> {
	const secret = `demo-${randomBytes(18).toString('base64url')}`;
	const data = { headerName: ACTION_HEADER, secret };
	const existing = (
		await client.rest<Array<{ id: string; name: string; type: string }>>('GET', '/credentials')
	).find((c) => c.type === 'atlasActionApi' && c.name === ACTION_CREDENTIAL_NAME);
	const credential = existing
		? { id: existing.id, name: ACTION_CREDENTIAL_NAME }
		: await client.createCredential(ACTION_CREDENTIAL_NAME, 'atlasActionApi', data);
	if (existing) {
		await client.updateCredential(existing.id, ACTION_CREDENTIAL_NAME, 'atlasActionApi', data);
	}
	const json = availabilityWorkflow(credential);
	step(`the agent asks n8n mid-call: the workflow "${json.name}" (Atlas Action Trigger → Set)`);
	await removeEarlierWorkflows(client, json.name);
	const workflow = await client.createWorkflow(json);
	await client.activate(workflow.id);
	const webhookId = workflow.nodes.find((n) => n.type.endsWith('atlasActionTrigger'))?.webhookId;
	const url = `${n8n!.baseUrl}/webhook/${String(webhookId)}/action?action=check%20availability`;
	// until the route is served n8n answers 404; without the secret the trigger answers 401
	await waitFor(async () => (await fetch(url, { method: 'POST', body: '{}' })).status === 401, {
		timeout: 30_000,
		what: 'the action URL',
	});
	const parameters = { date: '2026-12-08', partySize: 2 };
	const played = await callAction({
		url,
		headers: { [ACTION_HEADER]: secret },
		customerName: LEAD.name,
		parameters,
	});
	done(`the agent (the emulator, as Atlas) called ${dim(url)} with ${JSON.stringify(parameters)}`);
	done(`n8n answered in ${played.latencyMs} ms: ${JSON.stringify(played.answer)}`);
	const answer = played.answer as { message?: unknown } | null;
	if (
		!played.accepted ||
		typeof answer?.message !== 'string' ||
		!answer.message.includes(parameters.date)
	) {
		return [
			`the action's answer is not what the workflow says: ${played.status} ${JSON.stringify(played.answer)}`,
		];
	}
	return [];
}

function printSummary(
	args: Args,
	inst: N8nInstance,
	workflow: Workflow,
	subs: Subscription[],
	outcome: Outcome,
): string[] {
	const problems: string[] = [];
	const line = '─'.repeat(72);
	console.log(`\n${line}`);
	console.log(
		bold(`Atlas demo on n8n ${inst.version}`) + dim(`  (ready in ${secs(Date.now() - started)})`),
	);
	console.log(line);
	console.log(`${bold('Log in')}      ${inst.baseUrl}`);
	console.log(`  email       ${DEMO_OWNER.email}`);
	console.log(`  password    ${DEMO_OWNER.password}`);
	console.log(
		`${bold('Workflow')}    "${workflow.name}"  ${dim(`${inst.baseUrl}/workflow/${workflow.id}`)}`,
	);
	console.log(
		`  Atlas Trigger (Call Completed, all campaigns) → Format message → Get call details (Atlas node)`,
	);
	console.log(
		`${bold('Atlas holds')} ${subs.length} subscription(s) ${dim('(the emulator plays Atlas; token hidden)')}`,
	);
	for (const s of subs) {
		console.log(
			`  ${s.triggerName} · ${s.campaignId === '*' ? 'all campaigns (*)' : s.campaignId} → ${dim(redact(s.hookUrl))}`,
		);
	}
	console.log(`${bold('Executions')}`);
	for (const execution of outcome.executions) {
		const formatted = nodeJson(execution, NODE_NAMES.format);
		const call = nodeJson(execution, NODE_NAMES.action);
		const message = typeof formatted?.message === 'string' ? formatted.message : undefined;
		console.log(
			`  #${execution.id} ${execution.status === 'success' ? green(execution.status) : red(execution.status)}`,
		);
		if (message) for (const l of message.split('\n')) console.log(`    ${l}`);
		else problems.push(`execution ${execution.id} has no formatted message`);
		if (call) {
			const turns =
				Array.isArray(call.messages) && call.messages.length > 0
					? `, ${call.messages.length} conversation messages`
					: '';
			console.log(
				dim(
					`    Atlas node (Call > Get): call ${String(call.callId)} is ${String(call.status)}${turns}`,
				),
			);
			if ((call.id ?? call.callId) !== formatted?.callId)
				problems.push(`execution ${execution.id}: the Atlas node fetched another call`);
		} else problems.push(`execution ${execution.id}: the Atlas node returned nothing`);
		if (execution.status !== 'success')
			problems.push(`execution ${execution.id} ended with status ${execution.status}`);
	}
	console.log(
		`${bold('Duplicate')}   call ${outcome.duplicateOf} delivered again: ${outcome.duplicateDropped ? green('dropped (no execution)') : red('NOT dropped')}`,
	);
	if (!outcome.duplicateDropped) problems.push('the duplicate delivery started an execution');
	if (outcome.executions.length !== 3)
		problems.push(`expected 3 executions, found ${outcome.executions.length}`);
	console.log(
		dim(`n8n log: ${home(inst.logFile)} · emulator: ${emulator?.origin}/__emulator/state`),
	);
	if (!args.once) {
		console.log(dim('Fire more events from another terminal, e.g.:'));
		console.log(
			dim(
				`  curl -X POST ${emulator?.origin}/__emulator/fire -H 'content-type: application/json' -d '{"triggerName":"call_completed","persist":true}'`,
			),
		);
	}
	console.log(line);
	return problems;
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	process.on('SIGHUP', onSignal); // the terminal went away
	// `npm start` runs us under `sh -c`; when npm or that shell is killed on its own (SIGTERM to
	// npm alone does that), we are orphaned: stop everything rather than leave n8n running
	const parent = process.ppid;
	setInterval(() => {
		if (process.ppid !== parent) onSignal('SIGHUP');
	}, 1_000).unref();
	const args = parseArgs(process.argv.slice(2));
	console.log(
		bold(
			`Atlas demo: n8n ${N8N_VERSIONS[args.line]} (${args.line === 2 ? 'Node 24' : 'Node 20'})${args.once ? ', --once' : ''}`,
		),
	);

	const tarball = await buildAndPack();
	await ensureN8nInstalled(args.line);
	const userFolder = userFolderFor(args.line, args.fresh);
	const emu = await startAtlasEmulator();
	const inst = await bootN8n(args.line, userFolder, tarball);

	const client = new N8nClient(inst.baseUrl, args.line);
	await ownerLogin(client, userFolder, args.line);
	const credential = await upsertCredential(client, emu);
	const json = loadWorkflow(credential);
	await removeEarlierWorkflows(client, json.name);
	const workflow = await client.createWorkflow(json);
	const subs = await activate(client, emu, workflow);
	done(`Atlas (the emulator) holds ${subs.length} subscription(s) for it`);
	const outcome = await fireSamples(client, emu, workflow.id);
	const leadProblems = await leadLoop(client, credential, workflow.id);
	const agentProblems = await agentLoop(client);
	const problems = [
		...printSummary(args, inst, workflow, subs, outcome),
		...leadProblems,
		...agentProblems,
	];

	if (args.once) {
		await stopAll();
		if (problems.length > 0) {
			console.log(red(`demo check failed:\n  - ${problems.join('\n  - ')}`));
			return 1;
		}
		console.log(green('demo check passed'));
		return 0;
	}
	if (problems.length > 0) console.log(red(`something is off:\n  - ${problems.join('\n  - ')}`));
	console.log(bold('\nPress Ctrl-C to stop.'));
	await new Promise(() => undefined); // until a signal stops everything
	return 0;
}

main().then(
	(code) => process.exit(code),
	async (error: unknown) => {
		if (error instanceof DemoError) {
			console.error(`\n${red('✗')} ${error.message}`);
			if (error.hint) console.error(`  ${error.hint}`);
		} else {
			const message = error instanceof Error ? error.message : String(error);
			console.error(`\n${red('✗')} the demo failed: ${message}`);
			if (n8n) console.error(`  n8n's log: ${home(n8n.logFile)}`);
			if (process.env.DEMO_DEBUG && error instanceof Error) console.error(error.stack);
		}
		await stopAll().catch(() => undefined);
		process.exit(1);
	},
);
