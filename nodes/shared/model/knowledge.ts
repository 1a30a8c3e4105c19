import type { IDataObject } from 'n8n-workflow';

import { KNOWLEDGE_FIELDS, KNOWLEDGE_FORMATS, KNOWLEDGE_MAX_BYTES } from '../atlas/knowledge';
import { foldRecord, isRecord, pick, pickNumber, pickString, toList } from './read';
import { orNull, toTime, withOriginal } from './values';

/*
 * A knowledge file as an item: our names first (knowledgeId, fileName, campaignId, size,
 * uploadedAt, filePath, collections), then Atlas's own fields (Simplify off shows them as sent).
 */

export interface KnowledgeFile {
	knowledgeId: string | null;
	fileName: string | null;
	size: number | null;
	/** A content hash Atlas lists, lower-case hex, if any [guess]. */
	md5?: string;
	sha256?: string;
}

function hexOf(value: string | undefined, bytes: number): string | undefined {
	if (!value) return undefined;
	const text = value.replace(/^"|"$/g, '').trim();
	if (new RegExp(`^[0-9a-f]{${bytes * 2}}$`, 'i').test(text)) return text.toLowerCase();
	// base64 (Azure's Content-MD5)
	if (/^[A-Za-z0-9+/]+={0,2}$/.test(text)) {
		const hex = Buffer.from(text, 'base64').toString('hex');
		if (hex.length === bytes * 2) return hex;
	}
	return undefined;
}

/** What Sync compares: the id, name, size and any hash of a listed file. */
export function readKnowledgeFile(raw: IDataObject): KnowledgeFile {
	const folded = foldRecord(raw);
	return {
		knowledgeId: orNull(pickString(folded, ...KNOWLEDGE_FIELDS.knowledgeId)?.trim()),
		fileName: orNull(pickString(folded, ...KNOWLEDGE_FIELDS.fileName)?.trim()),
		size: orNull(pickNumber(folded, ...KNOWLEDGE_FIELDS.size)),
		md5: hexOf(pickString(folded, ...KNOWLEDGE_FIELDS.md5), 16),
		sha256: hexOf(pickString(folded, ...KNOWLEDGE_FIELDS.sha256), 32),
	};
}

function collectionsOf(folded: Map<string, unknown>): string[] | null {
	const value = pick(folded, ...KNOWLEDGE_FIELDS.collections);
	if (typeof value === 'string')
		return value
			.split(',')
			.map((t) => t.trim())
			.filter(Boolean);
	if (!Array.isArray(value)) return null;
	return value
		.map((entry) =>
			isRecord(entry) ? pickString(foldRecord(entry), 'tagName', 'name', 'tag') : entry,
		)
		.filter((entry): entry is string => typeof entry === 'string' && entry !== '');
}

/** One knowledge file as an item; `campaignId` is the campaign it was listed or uploaded for. */
export function knowledgeItem(raw: IDataObject, campaignId?: string): IDataObject {
	const folded = foldRecord(raw);
	const file = readKnowledgeFile(raw);
	return withOriginal(
		{
			knowledgeId: file.knowledgeId,
			fileName: file.fileName,
			campaignId: orNull(pickString(folded, ...KNOWLEDGE_FIELDS.campaignId) ?? campaignId),
			size: file.size,
			uploadedAt: orNull(toTime(pick(folded, ...KNOWLEDGE_FIELDS.uploadedAt))),
			filePath: orNull(pickString(folded, ...KNOWLEDGE_FIELDS.filePath)),
			sourceUrl: orNull(pickString(folded, ...KNOWLEDGE_FIELDS.sourceUrl)),
			collections: collectionsOf(folded),
		},
		raw,
	);
}

/** The campaigns a file is attached to: records, or bare ids [guess: either]. */
export function linkedCampaignItems(answer: unknown, knowledgeId: string): IDataObject[] {
	const list = Array.isArray(answer) ? answer : toList(answer);
	return list
		.map((entry): IDataObject | undefined => {
			if (typeof entry === 'string' || typeof entry === 'number')
				return { campaignId: String(entry), knowledgeId };
			if (!isRecord(entry)) return undefined;
			const folded = foldRecord(entry);
			const campaignId = pickString(folded, 'campaignId', 'id', 'RowKey', 'PartitionKey');
			const name = pickString(folded, 'name', 'BusinessName', 'campaignName');
			return withOriginal(
				{ campaignId: orNull(campaignId), name: orNull(name), knowledgeId },
				entry,
			);
		})
		.filter((entry): entry is IDataObject => entry !== undefined);
}

/** "2.5 MB", "812 KB", "37 bytes": sizes in words. */
export function sizeText(bytes: number): string {
	if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(bytes % 1048576 ? 2 : 0)} MB`;
	if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
	return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}

/** The extension of a file name, lower-case with its dot ('' when none). */
export function extensionOf(fileName: string): string {
	const match = /(\.[^./\\]+)$/.exec(fileName.trim());
	return match ? match[1].toLowerCase() : '';
}

export interface FileProblem {
	message: string;
	description: string;
}

/** Why Atlas would refuse this file (format, size, empty), in words; undefined when it would not. */
export function knowledgeFileProblem(fileName: string, size: number): FileProblem | undefined {
	const extension = extensionOf(fileName);
	const formats = KNOWLEDGE_FORMATS.join(', ');
	if (!(KNOWLEDGE_FORMATS as readonly string[]).includes(extension)) {
		return {
			message: `"${fileName}" is ${extension ? `a ${extension} file` : 'a file without an extension'}, which Atlas does not take`,
			description: `Atlas's knowledge base takes ${formats} files. Convert the file to one of them first (e.g. Google Drive's Download with a conversion to PDF or Word, or export as text), or set File Name to a name ending in one of them if it already is one. Nothing was sent to Atlas for this file.`,
		};
	}
	if (size > KNOWLEDGE_MAX_BYTES) {
		return {
			message: `"${fileName}" is ${sizeText(size)} (${size} bytes), more than the 10 MB Atlas takes`,
			description: `Atlas takes knowledge files of at most 10 MB (${KNOWLEDGE_MAX_BYTES} bytes). Split the file into smaller ones or compress its images, then upload them. Nothing was sent to Atlas for this file.`,
		};
	}
	if (size === 0) {
		return {
			message: `"${fileName}" is empty (0 bytes)`,
			description:
				'An empty file gives the agent nothing to know. Check the node before this one: it may have read the wrong file or property. Nothing was sent to Atlas for this file.',
		};
	}
	return undefined;
}
