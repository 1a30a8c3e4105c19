import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	attachKnowledge,
	deleteKnowledge,
	detachKnowledge,
	listKnowledge,
	uploadKnowledge,
} from '../../../../shared/api/knowledge';
import { readKnowledgeFile } from '../../../../shared/model/knowledge';
import { errorText } from '../../../../shared/util/errors';
import { nameKey } from './input';
import type { CampaignPlan, FilePlan, Removal } from './plan';
import type { SyncMemory } from './state';

/*
 * Carrying out Sync's plan. A changed file is swapped so the agent is never without it: the new
 * version is uploaded (into the first campaign) and attached to the others, and only then is the
 * old one detached by its ID. Atlas deletes by file name, which would take the new version too,
 * so the old version is detached, never deleted; it stays in the account's files. A failed
 * upload changes nothing: the old file stays where it was.
 */

/** Atlas's upload answer may lack the new file's ID [guess]: find it in the listing. */
async function newIdOf(
	ctx: IExecuteFunctions,
	uploaded: IDataObject,
	campaignId: string,
	fileName: string,
	oldIds: string[],
): Promise<string | null> {
	const id = typeof uploaded.knowledgeId === 'string' ? uploaded.knowledgeId : null;
	if (id) return id;
	const listed = (await listKnowledge.call(ctx, campaignId)).map(readKnowledgeFile);
	const fresh = listed.find(
		(file) =>
			file.fileName !== null &&
			nameKey(file.fileName) === nameKey(fileName) &&
			file.knowledgeId !== null &&
			!oldIds.includes(file.knowledgeId),
	);
	return fresh?.knowledgeId ?? null;
}

/** Detaches, from each campaign, the files of this name other than the one it now knows. */
async function detachOld(
	ctx: IExecuteFunctions,
	campaigns: CampaignPlan[],
	keepId: string | null,
	problems: string[],
): Promise<string[]> {
	const detached: string[] = [];
	for (const campaign of campaigns) {
		for (const oldId of campaign.oldIds) {
			if (oldId === keepId) continue;
			try {
				if (!keepId) throw new Error("the new file's ID is unknown, so the old one was kept");
				await detachKnowledge.call(ctx, campaign.campaignId, oldId, true);
				detached.push(oldId);
			} catch (error) {
				problems.push(
					`the old version "${oldId}" is still attached to campaign "${campaign.campaignId}" (${errorText(error)})`,
				);
			}
		}
	}
	return detached;
}

export async function applyFile(
	ctx: IExecuteFunctions,
	plan: FilePlan,
	memory: SyncMemory,
): Promise<IDataObject> {
	const { file } = plan;
	const result: IDataObject = {
		fileName: file.fileName,
		size: file.bytes.length,
		sha256: file.sha256,
		campaignIds: plan.campaigns.map((campaign) => campaign.campaignId),
	};
	const needed = plan.campaigns.filter((campaign) => campaign.change !== 'unchanged');
	const problems: string[] = [];
	for (const campaign of plan.campaigns.filter((entry) => entry.change === 'unchanged')) {
		const detached = await detachOld(ctx, [campaign], campaign.keptId, problems);
		if (detached.length) result.detachedDuplicateIds = detached;
		memory.set(campaign.campaignId, nameKey(file.fileName), {
			sha256: file.sha256,
			knowledgeId: campaign.keptId,
		});
	}
	if (needed.length === 0) {
		const keptId = plan.campaigns.find((campaign) => campaign.keptId)?.keptId ?? null;
		const out: IDataObject = { status: 'unchanged', ...result, knowledgeId: keptId };
		if (problems.length) out.reason = `Unchanged, but ${problems.join('; ')}.`;
		return out;
	}
	const replacing = needed.some((campaign) => campaign.change === 'changed');
	const first = needed[0];
	let uploaded: IDataObject;
	try {
		uploaded = await uploadKnowledge.call(ctx, file.fileName, file.bytes, first.campaignId);
	} catch (error) {
		return {
			status: 'failed',
			...result,
			error: errorText(error),
			reason: replacing
				? 'The upload failed; the old version stays in place and nothing else was changed.'
				: 'The upload failed; nothing was changed.',
		};
	}
	const allOld = needed.flatMap((campaign) => campaign.oldIds);
	const newId = await newIdOf(ctx, uploaded, first.campaignId, file.fileName, allOld);
	const done = [first];
	for (const campaign of needed.slice(1)) {
		try {
			if (!newId) throw new Error('Atlas did not say which ID the uploaded file has');
			await attachKnowledge.call(ctx, campaign.campaignId, newId);
			done.push(campaign);
		} catch (error) {
			problems.push(
				`attaching to campaign "${campaign.campaignId}" failed (${errorText(error)}); its old version stays`,
			);
		}
	}
	await detachOld(ctx, done, newId, problems);
	for (const campaign of done) {
		memory.set(campaign.campaignId, nameKey(file.fileName), {
			sha256: file.sha256,
			knowledgeId: newId,
		});
	}
	const out: IDataObject = {
		status: done.length < needed.length ? 'failed' : replacing ? 'replaced' : 'uploaded',
		...result,
		knowledgeId: newId,
		uploadedTo: done.map((campaign) => campaign.campaignId),
	};
	if (replacing) out.replacedKnowledgeIds = allOld.filter((id) => id !== newId);
	if (problems.length) out.reason = `Uploaded, but ${problems.join('; ')}.`;
	return out;
}

export async function applyRemoval(
	ctx: IExecuteFunctions,
	removal: Removal,
	mode: 'detach' | 'delete',
	memory: SyncMemory,
): Promise<IDataObject> {
	const { campaignId, file } = removal;
	const fileName = file.fileName ?? '';
	const result: IDataObject = {
		fileName,
		campaignIds: [campaignId],
		knowledgeId: file.knowledgeId,
	};
	try {
		if (mode === 'delete') await deleteKnowledge.call(ctx, fileName, campaignId, true);
		else if (file.knowledgeId) await detachKnowledge.call(ctx, campaignId, file.knowledgeId, true);
		else throw new Error('Atlas listed the file without an ID, so it cannot be detached');
	} catch (error) {
		return { status: 'failed', ...result, error: errorText(error), reason: 'Not removed.' };
	}
	memory.forget(campaignId, nameKey(fileName));
	return {
		status: 'removed',
		...result,
		reason:
			mode === 'delete'
				? 'Not in the input: deleted from the campaign.'
				: "Not in the input: detached from the campaign (it stays in the account's files).",
	};
}
