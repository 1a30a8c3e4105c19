// What the Knowledge engine tests share: the node run through n8n's real engine against the
// Atlas emulator, binary input items, and the emulator's upload log.
// The harness must be imported before anything that loads n8n-core.
import { registerCredentialTypes, runExecute } from './engine';

import assert from 'node:assert/strict';
import { after, before, beforeEach } from 'node:test';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { AtlasApi } from '../../credentials/AtlasApi.credentials';
// '.js': tsx would otherwise resolve 'Atlas.node' to the codex file Atlas.node.json
import { Atlas } from '../../nodes/Atlas/Atlas.node.js';
import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';

export type RunOptions = {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	staticData?: IDataObject;
	typeVersion?: number;
};

export const rl = (value: string) => ({ __rl: true, mode: 'id', value });

/** One emulator for the file's tests (reset before each), and the Atlas node run on it. */
export function knowledgeHarness(apiKey: string) {
	let emu: Emulator | undefined;
	before(async () => {
		registerCredentialTypes(new AtlasApi());
		emu = await startEmulator({ apiKey });
	});
	after(async () => await emu?.close());
	beforeEach(() => emu?.reset());
	const emulator = () => {
		if (!emu) throw new Error('the emulator is not started');
		return emu;
	};

	async function run(parameters: INodeParameters, options: RunOptions = {}) {
		const out = await runExecute(new Atlas(), {
			parameters: { resource: 'knowledge', ...parameters },
			credentials: { atlasApi: { apiKey, baseUrl: emulator().baseUrl } },
			...options,
		} as Parameters<typeof runExecute>[1]);
		return out[0];
	}

	async function fails(parameters: INodeParameters, options: RunOptions = {}) {
		let caught: unknown;
		await run(parameters, options).then(
			() => assert.fail('expected the node to fail'),
			(error: unknown) => (caught = error),
		);
		const e = caught as { message: string; description?: string };
		return `${e.message}\n${e.description ?? ''}`;
	}

	const uploads = () =>
		emulator().requests({ method: 'POST', route: 'POST /knowledgebase/upload' });
	return { emulator, run, fails, uploads };
}

/** An input item carrying a file in its `data` binary field, as Read Files from Disk gives it. */
export const file = (fileName: string, content: string | Buffer, mimeType = 'text/markdown') => ({
	json: { name: fileName },
	binary: {
		data: {
			data: (typeof content === 'string' ? Buffer.from(content) : content).toString('base64'),
			mimeType,
			fileName,
		},
	},
});
