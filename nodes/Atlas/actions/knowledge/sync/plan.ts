import type { IDataObject } from 'n8n-workflow';

import type { KnowledgeFile } from '../../../../shared/model/knowledge';
import { readKnowledgeFile } from '../../../../shared/model/knowledge';
import type { SyncFile, SyncInput } from './input';
import { nameKey } from './input';
import type { SyncMemory } from './state';

/*
 * What Sync will do, decided from the input, Atlas's listing of each campaign and what Sync
 * remembers, before anything is changed. A file is unchanged in a campaign when Atlas still
 * lists the very file Sync put there with this content (same ID, same SHA-256 remembered), or
 * when Atlas lists a file of that name with the same hash (if its listing carries one [guess]).
 * Name and size alone never count: a price list can change without changing size.
 */

export type FileChange = 'unchanged' | 'new' | 'changed';

export interface CampaignPlan {
	campaignId: string;
	change: FileChange;
	/** The listed files of this name to detach once the new one is attached (or, unchanged, the
	 * other files of this name than the one kept). */
	oldIds: string[];
	/** Unchanged: the listed file that holds this content. */
	keptId: string | null;
}

export interface FilePlan {
	file: SyncFile;
	campaigns: CampaignPlan[];
}

export interface Removal {
	campaignId: string;
	file: KnowledgeFile;
}

export interface SyncPlan {
	files: FilePlan[];
	removals: Removal[];
}

function planIn(
	file: SyncFile,
	campaignId: string,
	sameName: KnowledgeFile[],
	memory: SyncMemory,
): CampaignPlan {
	const ids = sameName.map((listed) => listed.knowledgeId).filter((id): id is string => !!id);
	if (sameName.length === 0) return { campaignId, change: 'new', oldIds: [], keptId: null };
	const remembered = memory.get(campaignId, nameKey(file.fileName));
	const stillThere =
		remembered &&
		remembered.sha256 === file.sha256 &&
		(remembered.knowledgeId === null || ids.includes(remembered.knowledgeId));
	const sameHash = sameName.find(
		(listed) => listed.sha256 === file.sha256 || listed.md5 === file.md5,
	);
	if (stillThere || sameHash) {
		const keptId = stillThere ? (remembered?.knowledgeId ?? null) : (sameHash?.knowledgeId ?? null);
		// another file of this name (added in the portal) is detached: the source wins
		return {
			campaignId,
			change: 'unchanged',
			oldIds: keptId ? ids.filter((id) => id !== keptId) : [],
			keptId,
		};
	}
	return { campaignId, change: 'changed', oldIds: ids, keptId: null };
}

export function planSync(
	input: SyncInput,
	listings: Map<string, IDataObject[]>,
	memory: SyncMemory,
): SyncPlan {
	const plan: SyncPlan = { files: [], removals: [] };
	const listed = new Map<string, KnowledgeFile[]>();
	for (const [campaignId, records] of listings)
		listed.set(campaignId, records.map(readKnowledgeFile));
	for (const file of input.files) {
		const key = nameKey(file.fileName);
		plan.files.push({
			file,
			campaigns: [...listed].map(([campaignId, files]) =>
				planIn(
					file,
					campaignId,
					files.filter((entry) => entry.fileName !== null && nameKey(entry.fileName) === key),
					memory,
				),
			),
		});
	}
	for (const [campaignId, files] of listed) {
		for (const file of files) {
			if (file.fileName !== null && !input.names.has(nameKey(file.fileName)))
				plan.removals.push({ campaignId, file });
		}
	}
	return plan;
}
