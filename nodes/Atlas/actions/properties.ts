import type { INodeProperties } from 'n8n-workflow';

import { COUNTRIES } from '../../shared/model/phone';

type DisplayOptions = INodeProperties['displayOptions'];

/**
 * A campaign picker: "From List" (searchable, loaded from Atlas) or "By ID". With `allowAll`
 * the list starts with "All Campaigns", which stands for `*` (every campaign of the account).
 */
export function campaignLocator(
	options: {
		name?: string;
		displayOptions?: DisplayOptions;
		required?: boolean;
		allowAll?: boolean;
		description?: string;
		/** A list method of the node (listSearch) other than the plain campaign list. */
		searchListMethod?: string;
	} = {},
): INodeProperties {
	const { allowAll = false } = options;
	return {
		displayName: 'Campaign',
		name: options.name ?? 'campaign',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		description:
			options.description ??
			(allowAll
				? 'The Atlas campaign. Pick "All Campaigns" (or enter * as the ID) for every campaign of the account.'
				: 'The Atlas campaign. Pick it from the list or enter its ID.'),
		displayOptions: options.displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a campaign...',
				typeOptions: {
					searchListMethod:
						options.searchListMethod ?? (allowAll ? 'searchCampaignsOrAll' : 'searchCampaigns'),
					searchable: true,
					searchFilterRequired: false,
				},
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: allowAll ? 'e.g. 3f2a9c1e-... or * for all campaigns' : 'e.g. 3f2a9c1e-...',
				hint: allowAll
					? 'The campaign ID as shown in Atlas, or * for every campaign'
					: 'The campaign ID as shown in Atlas',
			},
		],
	};
}

/** "Return All" and "Limit" for a list operation. */
export function returnAllAndLimit(displayOptions: DisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: {
				...displayOptions,
				show: { ...(displayOptions?.show ?? {}), returnAll: [false] },
			},
		},
	];
}

const COUNTRY_OPTIONS = [
	{ name: 'None (Every Number Must Have Its Country Code)', value: '' },
	...[...COUNTRIES]
		.sort((a, b) => a.name.localeCompare(b.name))
		.map((country) => ({ name: `${country.name} (+${country.callingCode})`, value: country.code })),
];

/** Default Country: the country of phone numbers written without a country code. */
export function defaultCountryProperty(displayOptions: DisplayOptions): INodeProperties {
	return {
		displayName: 'Default Country',
		name: 'defaultCountry',
		type: 'options',
		default: 'US',
		description:
			'The country of phone numbers written without a country code, such as (415) 555-0123 or 020 7946 0958. Numbers starting with + or an international prefix (00, 011) keep their own country. Every number is sent to Atlas in international form (+14155550123).',
		options: COUNTRY_OPTIONS,
		displayOptions,
	};
}

/**
 * n8n's Simplify (on by default): our fields only, or, off, Atlas's record as it came. Shown on
 * every operation that returns Atlas records, from typeVersion 2 on (version 1 keeps both).
 * The router applies it to every output item (shared/model/simplify.ts).
 */
export function simplifyProperty(
	displayOptions: DisplayOptions,
	fields = 'callId, summary, ...',
): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return only the fields this node names (${fields}) instead of the record as Atlas sent it`,
		displayOptions: {
			...displayOptions,
			show: { ...(displayOptions?.show ?? {}), '@version': [{ _cnd: { gte: 2 } }] },
		},
	};
}

/** A campaign picker that starts at "All Campaigns" (`*`) and may be left so. */
export function campaignOrAllLocator(
	displayOptions: DisplayOptions,
	description: string,
): INodeProperties {
	return {
		...campaignLocator({ allowAll: true, required: false, displayOptions, description }),
		default: { mode: 'list', value: '*', cachedResultName: 'All Campaigns' },
	};
}
