// The Atlas node run through n8n's real engine against an emulator (test/helpers/engine.ts):
// `run` answers the first output, `fails` the error's message and description. Import this
// before anything that loads n8n-core.
import { runExecute } from './engine';

import assert from 'node:assert/strict';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

// '.js': tsx would otherwise resolve 'Atlas.node' to the codex file Atlas.node.json
import { Atlas } from '../../nodes/Atlas/Atlas.node.js';
import type { Emulator } from '../emulator';

export const rl = (value: string) => ({ __rl: true, mode: 'id', value });
export const rows = (...values: IDataObject[]): INodeExecutionData[] =>
	values.map((json) => ({ json }));

export interface RunOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	executionId?: string;
	apiKey?: string;
}

export function atlasNodeRunner(emulator: () => Emulator, apiKey: string) {
	async function run(
		parameters: INodeParameters,
		options: RunOptions = {},
	): Promise<INodeExecutionData[]> {
		const out = await runExecute(new Atlas(), {
			parameters,
			credentials: {
				atlasApi: { apiKey: options.apiKey ?? apiKey, baseUrl: emulator().baseUrl },
			},
			items: options.items,
			continueOnFail: options.continueOnFail,
			...(options.executionId ? { additionalData: { executionId: options.executionId } } : {}),
		});
		return out[0];
	}

	async function fails(parameters: INodeParameters, options: RunOptions = {}) {
		let caught: unknown;
		await run(parameters, options).then(
			() => assert.fail('expected the node to fail'),
			(error: unknown) => (caught = error),
		);
		const e = caught as { message: string; description?: string };
		return { message: e.message, text: `${e.message}\n${e.description ?? ''}` };
	}

	return { run, fails };
}
