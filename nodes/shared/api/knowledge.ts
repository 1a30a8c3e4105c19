import type { IDataObject } from 'n8n-workflow';

import { KNOWLEDGE_GONE, KNOWLEDGE_PATHS } from '../atlas/knowledge';
import { knowledgeItem, linkedCampaignItems } from '../model/knowledge';
import { isRecord, toList, toRecord } from '../model/read';
import type { AtlasContext } from '../transport/request';
import { atlasRequest } from '../transport/request';

/* One function per knowledge-base call (atlas/knowledge.ts): answers as items. */

const fileLabel = (fileName: string) => `The knowledge file "${fileName}"`;
const campaignLabel = (campaignId: string) => `Campaign "${campaignId}"`;

/** The account's files, or one campaign's. */
export async function listKnowledge(this: AtlasContext, campaignId = ''): Promise<IDataObject[]> {
	const answer = await atlasRequest.call(this, {
		method: 'GET',
		path: campaignId ? KNOWLEDGE_PATHS.ofCampaign(campaignId) : KNOWLEDGE_PATHS.list,
		...(campaignId ? { notFound: campaignLabel(campaignId) } : {}),
	});
	return toList(answer).map((raw) => knowledgeItem(raw, campaignId || undefined));
}

/** Uploads a file's bytes (checked by the caller: model/knowledge.ts knowledgeFileProblem). */
export async function uploadKnowledge(
	this: AtlasContext,
	fileName: string,
	bytes: Buffer,
	campaignId = '',
): Promise<IDataObject> {
	const answer = await atlasRequest.call(this, {
		method: 'POST',
		path: KNOWLEDGE_PATHS.upload,
		qs: { filename: fileName, ...(campaignId ? { campaignId } : {}) },
		bytes,
		...(campaignId ? { notFound: campaignLabel(campaignId) } : {}),
	});
	const record = toRecord(answer) ?? {};
	return knowledgeItem(
		{ filename: fileName, size: bytes.length, ...record },
		campaignId || undefined,
	);
}

/** Atlas reads a web page into the knowledge base. */
export async function addKnowledgeFromUrl(
	this: AtlasContext,
	url: string,
	campaignId = '',
): Promise<IDataObject> {
	const answer = await atlasRequest.call(this, {
		method: 'POST',
		path: KNOWLEDGE_PATHS.fromUrl,
		body: { url, ...(campaignId ? { campaignId } : {}) },
		...(campaignId ? { notFound: campaignLabel(campaignId) } : {}),
	});
	return knowledgeItem({ url, ...(toRecord(answer) ?? {}) }, campaignId || undefined);
}

/**
 * Deletes a file by its name (from one campaign's knowledge when campaignId is given). Answers
 * false when Atlas did not have it and `allowMissing` is set; otherwise that fails.
 */
export async function deleteKnowledge(
	this: AtlasContext,
	fileName: string,
	campaignId = '',
	allowMissing = false,
): Promise<boolean> {
	const answer = await atlasRequest.call(this, {
		method: 'DELETE',
		path: KNOWLEDGE_PATHS.remove,
		qs: { filename: fileName, ...(campaignId ? { campaignId } : {}) },
		notFound: fileLabel(fileName),
		allowNotFound: allowMissing,
		notFoundWhen400Says: KNOWLEDGE_GONE,
	});
	return answer !== undefined;
}

/** Attaches a file (by its id) to a campaign. */
export async function attachKnowledge(
	this: AtlasContext,
	campaignId: string,
	knowledgeId: string,
): Promise<IDataObject> {
	const answer = await atlasRequest.call(this, {
		method: 'POST',
		path: KNOWLEDGE_PATHS.link(campaignId, knowledgeId),
		notFound: `Campaign "${campaignId}" or the knowledge file "${knowledgeId}"`,
	});
	return isRecord(answer) ? answer : {};
}

/** Detaches a file from a campaign; false when it was not attached and `allowMissing` is set. */
export async function detachKnowledge(
	this: AtlasContext,
	campaignId: string,
	knowledgeId: string,
	allowMissing = false,
): Promise<boolean> {
	const answer = await atlasRequest.call(this, {
		method: 'DELETE',
		path: KNOWLEDGE_PATHS.link(campaignId, knowledgeId),
		notFound: `Campaign "${campaignId}" or the knowledge file "${knowledgeId}"`,
		allowNotFound: allowMissing,
		notFoundWhen400Says: KNOWLEDGE_GONE,
	});
	return answer !== undefined;
}

export async function linkedCampaigns(
	this: AtlasContext,
	knowledgeId: string,
): Promise<IDataObject[]> {
	const answer = await atlasRequest.call(this, {
		method: 'GET',
		path: KNOWLEDGE_PATHS.campaigns(knowledgeId),
		notFound: `The knowledge file "${knowledgeId}"`,
	});
	return linkedCampaignItems(answer, knowledgeId);
}

export async function addToCollection(
	this: AtlasContext,
	knowledgeId: string,
	collection: string,
): Promise<IDataObject> {
	const answer = await atlasRequest.call(this, {
		method: 'POST',
		path: KNOWLEDGE_PATHS.tag(knowledgeId),
		body: { tagName: collection },
		notFound: `The knowledge file "${knowledgeId}"`,
	});
	return isRecord(answer) ? answer : {};
}

export async function removeFromCollection(
	this: AtlasContext,
	knowledgeId: string,
	collection: string,
): Promise<IDataObject> {
	const answer = await atlasRequest.call(this, {
		method: 'DELETE',
		path: KNOWLEDGE_PATHS.untag(knowledgeId, collection),
		notFound: `The knowledge file "${knowledgeId}" or its collection "${collection}"`,
	});
	return isRecord(answer) ? answer : {};
}
