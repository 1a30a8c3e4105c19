import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { updateCampaign } from '../../../shared/api/campaigns';
import type { AgentSetting } from '../../../shared/atlas/outcomes';
import { AGENT_SETTINGS } from '../../../shared/atlas/outcomes';
import { assertConfirmed, confirmProperty } from '../confirm';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { campaignIdParameter } from '../parameters';
import { campaignLocator } from '../properties';
import { capOptions, changeCampaignOnce, signatureOf } from './cap';

const show = showFor('campaign', 'updateAgent');
const WHAT = "change the campaign's agent";

const text = (name: AgentSetting, displayName: string, description: string, rows = 1) => ({
	displayName,
	name,
	type: 'string' as const,
	default: '',
	description,
	...(rows > 1 ? { typeOptions: { rows } } : {}),
});
const number = (name: AgentSetting, displayName: string, description: string) => ({
	displayName,
	name,
	type: 'number' as const,
	default: 1,
	typeOptions: { numberPrecision: 2 },
	description,
});
const flag = (name: AgentSetting, displayName: string, description: string) => ({
	displayName,
	name,
	type: 'boolean' as const,
	default: false,
	description,
});

export const description: INodeProperties[] = [
	campaignLocator({ displayOptions: show }),
	{
		displayName: 'Agent Settings',
		name: 'agentSettings',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		description:
			"The settings to change; only those added here are sent, the others stay as they are in Atlas. Values are sent as Atlas's documented fields (e.g. Opening Line as PreScript).",
		displayOptions: show,
		// sorted by display name, as n8n lists a collection's options
		options: [
			text('agentTypeName', 'Agent Type Name', 'The type of agent (Atlas: AgentTypeName)'),
			text('atlasVoiceId', 'Atlas Voice ID', "One of Atlas's own voices (Atlas: AtlasVoiceId)"),
			text('backgroundSound', 'Background Sound', 'E.g. office (Atlas: BackgroundSound)'),
			text(
				'closingLine',
				'Closing Line',
				'What the agent says to end a call (Atlas: PostScript)',
				3,
			),
			flag(
				'fillerInjectionEnabled',
				'Filler Injection Enabled',
				'Whether the agent uses filler words such as "um" (Atlas: FillerInjectionEnabled)',
			),
			text('gender', 'Gender', "The voice's gender (Atlas: Gender)"),
			text('language', 'Language', 'E.g. en-US (Atlas: Language)'),
			text('languageBoost', 'Language Boost', 'Atlas: LanguageBoost'),
			text('model', 'Model', 'The language model (Atlas: Model)'),
			text('name', 'Name', "The agent's name (Atlas: Name)"),
			text('openingLine', 'Opening Line', 'The first thing the agent says (Atlas: PreScript)', 3),
			number('pitch', 'Pitch', 'Atlas: Pitch'),
			text('provider', 'Provider', 'The voice provider (Atlas: Provider)'),
			text('region', 'Region', 'Atlas: Region'),
			number('similarityBoost', 'Similarity Boost', 'Atlas: SimilarityBoost'),
			text('slug', 'Slug', 'Atlas: Slug'),
			number('speed', 'Speed', 'How fast the agent speaks (Atlas: Speed)'),
			number('stability', 'Stability', 'Atlas: Stability'),
			flag(
				'textNormalizationEnabled',
				'Text Normalization Enabled',
				'Whether numbers and dates are spoken as words (Atlas: TextNormalizationEnabled)',
			),
			text('voiceId', 'Voice ID', "The provider's voice ID (Atlas: VoiceId)"),
			number('volume', 'Volume', 'Atlas: Volume'),
		],
	},
	confirmProperty(show, WHAT),
	capOptions(show, false),
];

export const execute: OperationExecute = async function (this, itemIndex, run) {
	const campaignId = campaignIdParameter(this, itemIndex);
	const given = this.getNodeParameter('agentSettings', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	for (const [name, value] of Object.entries(given)) {
		const atlasName = AGENT_SETTINGS[name as AgentSetting];
		if (atlasName === undefined || value === undefined || value === null) continue;
		if (typeof value === 'number' && !Number.isFinite(value)) {
			throw new NodeOperationError(this.getNode(), `Agent setting "${name}" is not a number`, {
				itemIndex,
				description: 'Enter a number, or remove the setting.',
			});
		}
		body[atlasName] = typeof value === 'string' ? value.trim() : value;
	}
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'No agent setting to change', {
			itemIndex,
			description:
				'Nothing was sent to Atlas. Click "Add Setting" under Agent Settings and add the settings to change (e.g. Opening Line).',
		});
	}
	assertConfirmed(this, itemIndex, WHAT);
	const change = {
		campaignId,
		kind: 'agent' as const,
		signature: signatureOf(body),
		words: `change the agent of campaign "${campaignId}"`,
		done: { campaignId, updated: Object.keys(body), settings: body },
	};
	return [
		await changeCampaignOnce(this, itemIndex, run, change, () =>
			updateCampaign.call(this, campaignId, body),
		),
	];
};
