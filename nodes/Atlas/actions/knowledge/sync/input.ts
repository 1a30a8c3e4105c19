import { createHash } from 'node:crypto';

import type { IExecuteFunctions } from 'n8n-workflow';

import { knowledgeFileProblem } from '../../../../shared/model/knowledge';
import { errorText } from '../../../../shared/util/errors';
import { binaryUpload, textUpload } from '../file';

/* Sync's input: every input item as one file (binary or text), hashed; or why it cannot be one. */

export interface SyncFile {
	itemIndex: number;
	fileName: string;
	bytes: Buffer;
	sha256: string;
	md5: string;
}

export interface InputFailure {
	itemIndex: number;
	fileName: string | null;
	error: string;
	description: string;
}

export interface SyncInput {
	files: SyncFile[];
	failures: InputFailure[];
	/** Every name the input holds, readable or not: a file of these names is never removed. */
	names: Set<string>;
}

const nameKey = (fileName: string) => fileName.trim().toLowerCase();
export { nameKey };

async function readItem(ctx: IExecuteFunctions, itemIndex: number) {
	const source = ctx.getNodeParameter('source', itemIndex, 'binary') as string;
	if (source === 'text') {
		const fileName = String(ctx.getNodeParameter('syncFileName', itemIndex, '') ?? '').trim();
		const text = ctx.getNodeParameter('syncText', itemIndex, '') as unknown;
		if (!fileName) throw new Error(`Item ${itemIndex + 1} has no file name`);
		return textUpload(fileName, typeof text === 'string' ? text : '');
	}
	const property = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	const options = ctx.getNodeParameter('syncOptions', itemIndex, {}) as { fileName?: string };
	return await binaryUpload(ctx, itemIndex, property || 'data', options.fileName ?? '');
}

export async function readSyncInput(ctx: IExecuteFunctions): Promise<SyncInput> {
	const input: SyncInput = { files: [], failures: [], names: new Set() };
	const count = ctx.getInputData().length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		let upload;
		try {
			upload = await readItem(ctx, itemIndex);
		} catch (error) {
			const description = (error as { description?: string }).description;
			input.failures.push({
				itemIndex,
				fileName: null,
				error: errorText(error),
				description:
					description ??
					'Check the node before this one: every item should carry one file (or a name and a text).',
			});
			continue;
		}
		const key = nameKey(upload.fileName);
		const twice = input.names.has(key);
		input.names.add(key);
		const problem = twice
			? {
					message: `"${upload.fileName}" is in the input twice`,
					description:
						'Atlas keeps one knowledge file per name for Sync. Only the first item of that name was synced; rename the other or remove it from the input.',
				}
			: knowledgeFileProblem(upload.fileName, upload.bytes.length);
		if (problem) {
			input.failures.push({
				itemIndex,
				fileName: upload.fileName,
				error: problem.message,
				description: problem.description,
			});
			continue;
		}
		input.files.push({
			itemIndex,
			fileName: upload.fileName,
			bytes: upload.bytes,
			sha256: createHash('sha256').update(upload.bytes).digest('hex'),
			md5: createHash('md5').update(upload.bytes).digest('hex'),
		});
	}
	return input;
}
