import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { KNOWLEDGE_MIME_EXTENSIONS } from '../../../shared/atlas/knowledge';
import { extensionOf, knowledgeFileProblem } from '../../../shared/model/knowledge';

/* A file as Atlas's knowledge base takes it: a name and bytes, checked before anything is sent. */

export interface KnowledgeUpload {
	fileName: string;
	bytes: Buffer;
}

/** A name for a binary: the one set by the user, else the binary's own, given its type's extension if it has none. */
function nameOf(
	setName: string,
	binaryName: string | undefined,
	mimeType: string,
	itemIndex: number,
) {
	const name = setName.trim() || (binaryName ?? '').trim();
	const fromType = KNOWLEDGE_MIME_EXTENSIONS[mimeType.split(';')[0].trim().toLowerCase()];
	if (!name) return `item-${itemIndex + 1}${fromType ?? ''}`;
	return extensionOf(name) === '' && fromType ? `${name}${fromType}` : name;
}

/** The file in an input item's binary property, named as asked. */
export async function binaryUpload(
	ctx: IExecuteFunctions,
	itemIndex: number,
	property: string,
	setName: string,
): Promise<KnowledgeUpload> {
	const binary = ctx.getInputData()[itemIndex]?.binary?.[property];
	if (!binary) {
		const present = Object.keys(ctx.getInputData()[itemIndex]?.binary ?? {});
		throw new NodeOperationError(
			ctx.getNode(),
			`Item ${itemIndex + 1} has no file in its binary field "${property}"`,
			{
				itemIndex,
				description: present.length
					? `Its binary fields are: ${present.join(', ')}. Set Input Binary Field to the one holding the file.`
					: 'The item carries no file at all. Check the node before this one: it should read or download the file (Read/Write Files from Disk, Google Drive > Download, HTTP Request with the response as a file).',
			},
		);
	}
	const data = ctx.helpers.assertBinaryData(itemIndex, property);
	const bytes = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
	return { fileName: nameOf(setName, data.fileName, data.mimeType ?? '', itemIndex), bytes };
}

/** Text or Markdown sent as a file: `.md` unless the name already ends in .md or .txt. */
export function textUpload(fileName: string, text: string): KnowledgeUpload {
	const trimmed = fileName.trim();
	const extension = extensionOf(trimmed);
	const name = extension === '.md' || extension === '.txt' ? trimmed : `${trimmed}.md`;
	return { fileName: name, bytes: Buffer.from(text, 'utf8') };
}

/** Fails the item, in words naming the file, when Atlas would refuse it (format, size, empty). */
export function assertUploadable(
	ctx: IExecuteFunctions,
	itemIndex: number,
	upload: KnowledgeUpload,
) {
	const problem = knowledgeFileProblem(upload.fileName, upload.bytes.length);
	if (problem)
		throw new NodeOperationError(ctx.getNode(), problem.message, {
			itemIndex,
			description: problem.description,
		});
}
