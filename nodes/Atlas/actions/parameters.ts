import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ALL_CAMPAIGNS } from '../../shared/atlas/events';
import { parsePhoneNumber } from '../../shared/model/phone';

/* Reading the Atlas node's parameters for one item, each failure worded for the user. */

/** A required text parameter, trimmed; a clear error when it is empty. */
export function requiredString(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
	howToFix: string,
): string {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (!text) {
		throw new NodeOperationError(ctx.getNode(), `${label} is empty`, {
			itemIndex,
			description: howToFix,
		});
	}
	return text;
}

/**
 * The campaign ID of a campaign resource locator (any mode), trimmed. `*` (All Campaigns) is
 * accepted only where `allowAll` says so.
 */
export function campaignIdParameter(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: { name?: string; allowAll?: boolean; optional?: boolean } = {},
): string {
	const name = options.name ?? 'campaign';
	const value = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const id = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (!id) {
		if (options.optional) return '';
		throw new NodeOperationError(ctx.getNode(), 'No campaign selected', {
			itemIndex,
			description: options.allowAll
				? 'Pick a campaign from the list ("All Campaigns" for every campaign), or enter its ID. If the ID comes from an expression, check that the expression gives a value for this item.'
				: 'Pick a campaign from the list, or enter its ID. If the ID comes from an expression, check that the expression gives a value for this item.',
		});
	}
	if (id === ALL_CAMPAIGNS && !options.allowAll) {
		throw new NodeOperationError(ctx.getNode(), '"All Campaigns" (*) cannot be used here', {
			itemIndex,
			description: 'This operation needs one campaign: pick it from the list or enter its ID.',
		});
	}
	return id;
}

/** A date-time parameter as ISO 8601 text; undefined when empty. */
export function dateParameter(
	ctx: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	label: string,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = typeof value === 'string' ? value.trim() : String(value);
	const time = Date.parse(text);
	if (!text || Number.isNaN(time)) {
		throw new NodeOperationError(ctx.getNode(), `${label} "${text}" is not a date`, {
			itemIndex,
			description:
				'Pick a date in the date picker, or give a date such as 2025-06-01 or 2025-06-01T14:30:00Z.',
		});
	}
	return new Date(time).toISOString();
}

/** A number option of 0 or more; `fallback` when empty. */
export function nonNegativeNumber(
	ctx: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	label: string,
	fallback: number,
): number {
	if (value === undefined || value === null || value === '') return fallback;
	const n = Number(value);
	if (!Number.isFinite(n) || n < 0) {
		throw new NodeOperationError(ctx.getNode(), `${label} must be a number of 0 or more`, {
			itemIndex,
			description: `Enter a number such as ${fallback}.`,
		});
	}
	return n;
}

/** Cuts a list to the "Limit" parameter unless "Return All" is on. */
export function applyLimit<T>(ctx: IExecuteFunctions, itemIndex: number, list: T[]): T[] {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	if (returnAll) return list;
	const limit = ctx.getNodeParameter('limit', itemIndex, 50) as number;
	return list.slice(0, Math.max(0, Math.floor(limit)));
}

/**
 * A phone number parameter in E.164 ("(415) 555-0123" → "+14155550123"). A number that cannot be
 * read fails the item, naming the value, before anything is sent to Atlas.
 */
export function phoneParameter(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	const country = String(ctx.getNodeParameter('defaultCountry', itemIndex, '') ?? '');
	const result = parsePhoneNumber(value, country);
	if (result.ok) return result.e164;
	const shown = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
	throw new NodeOperationError(
		ctx.getNode(),
		shown.trim()
			? `${label} "${shown}" of item ${itemIndex + 1} ${result.reason}`
			: `${label} of item ${itemIndex + 1} is empty`,
		{
			itemIndex,
			description: `Nothing was sent to Atlas for this item. Write the number with its country code (e.g. +1 415 555 0123, +44 20 7946 0958), or set Default Country for numbers written without one${country ? ` (now: ${country})` : ''}. If the number comes from an expression, check the column or field it reads.`,
		},
	);
}

/**
 * A chat contact: a phone number (sent in E.164, as Atlas keys contacts [live]) or an e-mail
 * address / Apple ID (as written, trimmed).
 */
export function contactParameter(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string {
	const text = requiredString(
		ctx,
		name,
		itemIndex,
		`${label} of item ${itemIndex + 1}`,
		'Enter the phone number or e-mail address of the contact, or map it (e.g. the contact of an Atlas Trigger message event).',
	);
	return /^[+\d\s().\-/]+$/.test(text) ? phoneParameter(ctx, name, itemIndex, label) : text;
}
