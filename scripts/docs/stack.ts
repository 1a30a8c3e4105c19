// The stack the documentation screenshots are taken from: the Atlas emulator plus a real n8n
// (the tests' real-n8n rig, test/rig) with this package installed like a community package, an owner, an Atlas
// credential, the demo workflow (examples/demo-call-completed.json) activated, and one
// call_completed event delivered so an execution exists. Same pieces as `npm start`
// (scripts/demo/), but in a throwaway user folder and with no fixed ports.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '../../test/emulator';
import {
	type AtlasRig,
	type Execution,
	type Line,
	type N8nClient,
	type N8nInstance,
	type Owner,
	REPO_ROOT,
	type Workflow,
	type WorkflowJson,
	TRIGGER,
	n8nInstallDir,
	pack,
	startRig,
	waitFor,
} from '../../test/rig';
import { availabilityWorkflow } from '../workflows/action';

export const OWNER: Owner = {
	email: 'docs@example.com',
	firstName: 'Dana',
	lastName: 'Whitfield',
	password: 'Atlas-Docs-2025',
};
export const CREDENTIAL_NAME = 'Atlas account';
export const DEMO_WORKFLOW_FILE = join(REPO_ROOT, 'examples', 'demo-call-completed.json');
export const TRIGGER_NODE = TRIGGER;

export interface Stack {
	line: Line;
	n8n: N8nInstance;
	emulator: Emulator;
	client: N8nClient;
	credentialId: string;
	workflow: Workflow;
	execution: Execution;
	/** An Atlas Action Trigger (declared parameters) -> Set, for the Action Trigger's shot. */
	actionWorkflow: Workflow;
	stop(): Promise<void>;
}

const log = (s: string) => console.log(`  … ${s}`);

function run(cmd: string, args: string[]): string {
	const r = spawnSync(cmd, args, { cwd: REPO_ROOT, encoding: 'utf8' });
	if (r.status !== 0)
		throw new Error(
			`${cmd} ${args.join(' ')} failed (${r.status}):\n${(r.stdout + r.stderr).split('\n').slice(-30).join('\n')}`,
		);
	return r.stdout;
}

/** `npm run build` then `npm pack` into a temp folder; returns the tarball (caller removes its folder). */
export function buildAndPack({ build = true } = {}): { tarball: string; dir: string } {
	if (build) {
		log('building the package');
		run('npm', ['run', 'build']);
	}
	return pack('atlas-docs-pack-');
}

/** `tarball`: use this `npm pack` output instead of building and packing the checkout. */
export async function startStack({
	line,
	build = true,
	tarball: given,
}: {
	line: Line;
	build?: boolean;
	tarball?: string;
}): Promise<Stack> {
	const { tarball, dir: packDir } = given
		? { tarball: given, dir: undefined }
		: buildAndPack({ build });
	let rig: AtlasRig | undefined;
	const userFolder = mkdtempSync(join(tmpdir(), `atlas-docs-n8n-${line}-`));
	const stop = async () => {
		await rig?.stop({ removeFolder: true }).catch(() => undefined);
		if (packDir) rmSync(packDir, { recursive: true, force: true });
		rmSync(userFolder, { recursive: true, force: true });
	};
	try {
		log(`starting the Atlas emulator and n8n (line ${line}, ${n8nInstallDir(line)})`);
		rig = await startRig({
			line,
			packageTarball: tarball,
			userFolder,
			owner: OWNER,
			apiKey: `docs-${Date.now().toString(36)}`,
			credentialName: CREDENTIAL_NAME,
			apiKeyLabel: 'atlas-docs',
		});
		const { n8n, emu: emulator, client, credential } = rig;
		log(`Atlas emulator on ${emulator.baseUrl}; n8n ${n8n.version} at ${n8n.baseUrl}`);
		const json = JSON.parse(readFileSync(DEMO_WORKFLOW_FILE, 'utf8')) as WorkflowJson;
		json.name = 'Atlas: call completed → message';
		for (const node of json.nodes) {
			if (
				node.credentials &&
				typeof node.credentials === 'object' &&
				'atlasApi' in node.credentials
			) {
				node.credentials = { atlasApi: { id: credential.id, name: credential.name } };
			}
		}
		const workflow = await client.createWorkflow(json);
		await client.activate(workflow.id);
		const webhookId = workflow.nodes.find((n) => n.name === TRIGGER_NODE)?.webhookId ?? '';
		await waitFor(() => emulator.subscriptions().some((s) => s.hookUrl.includes(webhookId)), {
			timeout: 30_000,
			what: 'the trigger to subscribe',
		});
		// the production route must be live before the delivery (2.x registers it in the background)
		await waitFor(
			async () => {
				const r = await emulator.fire('call_completed', {
					campaignId: 'cmp_sales',
					count: 1,
					persist: true,
				});
				return (
					r.deliveries.length > 0 && r.deliveries.every((d) => d.status !== null && d.status < 300)
				);
			},
			{ timeout: 20_000, interval: 500, what: 'a call_completed delivery to be accepted' },
		);
		const actionCredential = await client.createCredential(
			'Atlas Action secret',
			'atlasActionApi',
			{
				headerName: 'X-Atlas-Secret',
				secret: `docs-${Date.now().toString(36)}-not-a-real-secret`,
			},
		);
		const actionWorkflow = await client.createWorkflow(availabilityWorkflow(actionCredential));
		const [execution] = await client.waitForExecutions(workflow.id, 1, 60_000);
		log(`execution ${execution.id}: ${execution.status}`);
		return {
			line,
			n8n,
			emulator,
			client,
			credentialId: credential.id,
			workflow,
			execution,
			actionWorkflow,
			stop,
		};
	} catch (error) {
		if (rig)
			console.error(
				`n8n log: ${rig.n8n.logFile}\n${rig.n8n.readLog().split('\n').slice(-20).join('\n')}`,
			);
		await stop();
		throw error;
	}
}
