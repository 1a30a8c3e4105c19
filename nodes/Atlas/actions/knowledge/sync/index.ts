import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { listKnowledge } from '../../../../shared/api/knowledge';
import type { AtlasOperation, OperationExecute, OperationResult } from '../../operation';
import { ForItem, showFor } from '../../operation';
import { campaignIdParameter, nonNegativeNumber } from '../../parameters';
import { campaignLocator } from '../../properties';
import { binaryProperty } from '../properties';
import { applyFile, applyRemoval } from './apply';
import { readSyncInput } from './input';
import { planSync } from './plan';
import { SyncMemory } from './state';

/*
 * Knowledge > Sync: all input items at once (the router runs it once, `perNode`) make the
 * chosen campaigns' knowledge match them. README, "Sync: the rules".
 */

const show = showFor('knowledge', 'sync');
const when = (extra: IDataObject) => ({ show: { ...show?.show, ...extra } }) as typeof show;

export const description: INodeProperties[] = [
	campaignLocator({
		displayOptions: show,
		description: 'The campaign whose agent should know exactly these files',
	}),
	{
		displayName: 'Each Item Holds',
		name: 'source',
		description: 'What each input item carries: a file in a binary field, or a text and a name',
		type: 'options',
		noDataExpression: true,
		default: 'binary',
		options: [
			{
				name: 'A File',
				value: 'binary',
				description: 'In a binary field (a folder read or downloaded)',
			},
			{ name: 'A Text', value: 'text', description: 'Text or Markdown, sent as a .md file' },
		],
		displayOptions: show,
	},
	binaryProperty(when({ source: ['binary'] })),
	{
		displayName: 'File Name',
		name: 'syncFileName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.title }}.md',
		description: "The file's name in Atlas; the same name on every run lets Sync find it again",
		displayOptions: when({ source: ['text'] }),
	},
	{
		displayName: 'Text',
		name: 'syncText',
		description: 'The text or Markdown of this item, sent as a .md file',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. {{ $json.content }}',
		displayOptions: when({ source: ['text'] }),
	},
	{
		// noDataExpression: neither an expression nor an AI agent's $fromAI can turn removal on
		displayName: 'Files Not in the Input',
		name: 'removal',
		description:
			"What happens to the campaign's files that are not in the input. Set by the workflow builder only: an expression or an AI agent cannot turn removal on.",
		type: 'options',
		noDataExpression: true,
		default: 'keep',
		options: [
			{ name: 'Keep Them', value: 'keep', description: 'Only add and replace' },
			{
				name: 'Detach Them From the Campaign',
				value: 'detach',
				description: "The agent stops knowing them; they stay in the account's files",
			},
			{
				name: 'Delete Them',
				value: 'delete',
				description: 'Deleted from Atlas by file name (from this campaign)',
			},
		],
		displayOptions: show,
	},
	{
		displayName: 'Max Removals',
		name: 'maxRemovals',
		type: 'number',
		noDataExpression: true,
		default: 3,
		typeOptions: { minValue: 0 },
		description:
			"When more files than this would be removed, none is: a broken or partial input must not wipe the agent's knowledge",
		displayOptions: when({ removal: ['detach', 'delete'] }),
	},
	{
		displayName: 'Options',
		name: 'syncOptions',
		description: 'More settings of the sync',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description:
					"The name in Atlas for each file (an expression per item). Empty: the file's own name.",
				displayOptions: { show: { '/source': ['binary'] } },
			},
			{
				displayName: 'More Campaign IDs',
				name: 'moreCampaignIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. cmp_support, cmp_sales',
				description: 'Other campaigns that should know the same files, separated by commas',
			},
		],
	},
];

export const execute: OperationExecute = async function (this, itemIndex) {
	const first = campaignIdParameter(this, itemIndex);
	const options = this.getNodeParameter('syncOptions', itemIndex, {}) as {
		moreCampaignIds?: string;
	};
	const campaignIds = [
		...new Set([
			first,
			...String(options.moreCampaignIds ?? '')
				.split(',')
				.map((id) => id.trim()),
		]),
	].filter((id) => id !== '' && id !== '*');
	const removal = this.getNodeParameter('removal', itemIndex, 'keep') as string;
	const maxRemovals = nonNegativeNumber(
		this,
		itemIndex,
		this.getNodeParameter('maxRemovals', itemIndex, 3),
		'Max Removals',
		3,
	);

	const input = await readSyncInput(this);
	// read everything before changing anything: an unknown campaign fails the run untouched
	const listings = new Map<string, IDataObject[]>();
	for (const campaignId of campaignIds)
		listings.set(campaignId, await listKnowledge.call(this, campaignId));
	const memory = new SyncMemory(this);
	const plan = planSync(input, listings, memory);

	const out: OperationResult[] = input.failures.map(
		(failure) =>
			new ForItem(failure.itemIndex, {
				status: 'failed',
				fileName: failure.fileName,
				campaignIds,
				error: failure.error,
				reason: failure.description,
			}),
	);
	for (const filePlan of plan.files)
		out.push(new ForItem(filePlan.file.itemIndex, await applyFile(this, filePlan, memory)));

	if (removal === 'detach' || removal === 'delete') {
		const refusal =
			input.files.length === 0
				? "The input held no usable file, so nothing was removed: an empty or broken input never wipes the agent's knowledge."
				: plan.removals.length > maxRemovals
					? `${plan.removals.length} files would be removed, more than Max Removals (${maxRemovals}), so none was. Check the input; raise Max Removals if this is what you want.`
					: undefined;
		for (const entry of plan.removals) {
			out.push(
				new ForItem(
					itemIndex,
					refusal
						? {
								status: 'kept',
								fileName: entry.file.fileName,
								campaignIds: [entry.campaignId],
								knowledgeId: entry.file.knowledgeId,
								reason: refusal,
							}
						: await applyRemoval(this, entry, removal, memory),
				),
			);
		}
	}
	return out;
};

export const sync: AtlasOperation = { description, execute, perNode: true };
