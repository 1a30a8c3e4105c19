import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/*
 * What Sync remembers between runs, in the node's workflow static data (saved by n8n after
 * production runs only, not after a manual run in the editor): per campaign and file name, the
 * SHA-256 of the content it last put there and the ID Atlas gave that file.
 */

export interface Remembered {
	sha256: string;
	knowledgeId: string | null;
}

export type CampaignMemory = Record<string, Remembered>;

const KEY = 'knowledgeSync';

/** The memory of every campaign, stored as `{campaignId: {fileNameKey: {sha256, knowledgeId}}}`. */
export class SyncMemory {
	private readonly data: IDataObject;

	constructor(ctx: IExecuteFunctions) {
		const staticData = ctx.getWorkflowStaticData('node');
		const stored = staticData[KEY];
		if (typeof stored !== 'object' || stored === null || Array.isArray(stored))
			staticData[KEY] = {};
		this.data = staticData[KEY] as IDataObject;
	}

	private campaign(campaignId: string): CampaignMemory {
		const found = this.data[campaignId];
		if (typeof found === 'object' && found !== null && !Array.isArray(found))
			return found as unknown as CampaignMemory;
		const fresh: CampaignMemory = {};
		this.data[campaignId] = fresh as unknown as IDataObject;
		return fresh;
	}

	get(campaignId: string, nameKey: string): Remembered | undefined {
		const found = this.campaign(campaignId)[nameKey];
		return found && typeof found.sha256 === 'string' ? found : undefined;
	}

	set(campaignId: string, nameKey: string, remembered: Remembered): void {
		// assigned as a new campaign object: n8n notices changes of static data's top-level keys
		this.data[campaignId] = {
			...this.campaign(campaignId),
			[nameKey]: remembered,
		} as unknown as IDataObject;
	}

	forget(campaignId: string, nameKey: string): void {
		const memory = { ...this.campaign(campaignId) };
		delete memory[nameKey];
		this.data[campaignId] = memory as unknown as IDataObject;
	}
}
