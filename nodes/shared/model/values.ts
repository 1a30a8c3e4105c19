import type { IDataObject } from 'n8n-workflow';

/*
 * Tolerant reading of one value, the same for every node: Atlas's key names are partly guessed
 * and its values come as text, numbers or nothing. Anything unusable reads as absent.
 */

/** Text-like scalars as trimmed text; anything else (objects, arrays, NaN) is absent. */
export function toText(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'boolean' || (typeof value === 'number' && !Number.isNaN(value)))
		return String(value);
	return undefined;
}

/** Numbers and numeric text as a finite number; anything else is absent. */
export function toNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'string' && value.trim() !== '') {
		const n = Number(value);
		return Number.isFinite(n) ? n : undefined;
	}
	return undefined;
}

/** A date-time as text: Atlas's text as it is, epoch seconds or milliseconds as ISO text. */
export function toTime(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() || undefined;
	if (typeof value === 'number' && Number.isFinite(value)) {
		return new Date(value < 1e12 ? value * 1000 : value).toISOString();
	}
	return undefined;
}

export function orNull<T>(value: T | undefined): T | null {
	return value === undefined ? null : value;
}

/** What `withOriginal` remembers of an item: Atlas's record and the keys only Atlas's record gave. */
interface Origin {
	raw: IDataObject;
	/** Keys copied from Atlas's record that are not ours (dropped by Simplify). */
	atlasKeys: string[];
	/** Our keys when the item was built (replaced by Atlas's record in the raw view). */
	modelKeys: string[];
}

const ORIGINS = new WeakMap<object, Origin>();

/** Atlas's record an item was built from, and which of its keys came only from Atlas. */
export function originOf(item: object): Origin | undefined {
	return ORIGINS.get(item);
}

/**
 * Our fields first, then every original field they do not already name: users find the same
 * names whatever Atlas sent, and nothing Atlas sent is lost. The item remembers its record, so
 * Simplify (model/simplify.ts) can show our fields only, or Atlas's record as it came.
 */
export function withOriginal(modelled: IDataObject, raw: IDataObject): IDataObject {
	const item: IDataObject = modelled;
	const modelKeys = Object.keys(item);
	const atlasKeys: string[] = [];
	for (const key of Object.keys(raw)) {
		if (Object.prototype.hasOwnProperty.call(item, key)) continue;
		atlasKeys.push(key);
		// defined, never assigned: a `__proto__` key in a payload stays a plain field
		if (key === '__proto__')
			Object.defineProperty(item, key, {
				value: raw[key],
				enumerable: true,
				writable: true,
				configurable: true,
			});
		else item[key] = raw[key];
	}
	ORIGINS.set(item, { raw, atlasKeys, modelKeys });
	return item;
}
