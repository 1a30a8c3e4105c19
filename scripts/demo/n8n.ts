// The demo's n8n: its user folder (kept between runs, locked while a demo uses it), booting it
// with the packed package installed, the owner, the Atlas credential, and small REST helpers the
// stories share.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '../../test/emulator';
import { type Execution, HttpError, type N8nClient } from '../../test/rig/client';
import { type N8nInstance, startN8n } from '../../test/rig/n8n';
import { demoEngineEnv } from '../engine-settings';
import { CACHE, type Line, N8N_VERSIONS } from '../../test/rig/paths';
import { DemoError, done, home, note, secs, step } from './output';
import { pickPort } from './ports';
import { running } from './running';

export const DEMO_OWNER = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'User',
	password: 'Atlas-Demo-2025',
};
const CREDENTIAL_NAME = 'Atlas (demo emulator)';
const N8N_PORT = 5678;

export function userFolderFor(line: Line, fresh: boolean): string {
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
	running.lockFile = lock;
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

export async function bootN8n(
	line: Line,
	userFolder: string,
	tarball: string,
): Promise<N8nInstance> {
	const port = await pickPort(N8N_PORT, 'n8n');
	const reused = existsSync(join(userFolder, '.n8n', 'database.sqlite'));
	step(
		`starting n8n ${N8N_VERSIONS[line]} on port ${port} (${reused ? 'reusing' : 'new'} user folder ${home(userFolder)})`,
	);
	if (!reused)
		note(
			'a new database takes a little longer to set up; the next start reuses it (--fresh starts over)',
		);
	running.n8nBooting = startN8n({
		line,
		port,
		userFolder,
		packageTarball: tarball,
		env: demoEngineEnv(line, process.env),
	}).then(
		(instance) => instance,
		(error: Error) => {
			running.n8nBooting = undefined;
			throw new DemoError(
				`n8n did not start: ${error.message.split('\n')[0]}`,
				`its log is ${home(join(userFolder, 'n8n.log'))}; if the user folder is damaged, run npm start -- --fresh${line === 1 ? ' --line 1' : ''}`,
			);
		},
	);
	const instance = await running.n8nBooting;
	running.n8n = instance;
	running.n8nBooting = undefined;
	done(`n8n ${instance.version} ready at ${instance.baseUrl} (${secs(instance.bootMs)})`);
	return instance;
}

export async function ownerLogin(client: N8nClient, userFolder: string, line: Line): Promise<void> {
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
export async function upsertCredential(
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

/** Removes the demo workflow(s) an earlier run left (deactivating unsubscribes them from Atlas). */
export async function removeEarlierWorkflows(client: N8nClient, name: string): Promise<void> {
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

/** The first item a node output in an execution. */
export function nodeJson(execution: Execution, node: string): Record<string, unknown> | undefined {
	return execution.data?.resultData?.runData?.[node]?.[0]?.data?.main?.[0]?.[0]?.json;
}
