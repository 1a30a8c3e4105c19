/*
 * Phone numbers as users paste them from CRMs and sheets ("(415) 555-0123", "+44 (0)20 7946 0958",
 * "0044 20 7946 0958", "011 44 20 7946 0958") turned into the E.164 form Atlas dials
 * ("+14155550123"). No runtime dependency (n8n's scanner forbids them): a small table of
 * countries with their national number lengths, trunk prefix and international prefix.
 */

export interface Country {
	/** ISO 3166 alpha-2, the option value. */
	code: string;
	name: string;
	callingCode: string;
	/** The national trunk prefix dropped after the country code ('' = none: kept, e.g. Italy). */
	trunk: string;
	/** Digits of the national number (after the trunk prefix), min and max. */
	min: number;
	max: number;
	/** Dialled to leave the country, besides "00" (accepted everywhere). */
	exitCodes: string[];
}

const c = (
	code: string,
	name: string,
	callingCode: string,
	trunk: string,
	min: number,
	max: number,
	exitCodes: string[] = [],
): Country => ({ code, name, callingCode, trunk, min, max, exitCodes });

export const COUNTRIES: readonly Country[] = [
	c('US', 'United States', '1', '1', 10, 10, ['011']),
	c('CA', 'Canada', '1', '1', 10, 10, ['011']),
	c('GB', 'United Kingdom', '44', '0', 9, 10),
	c('IE', 'Ireland', '353', '0', 7, 9),
	c('AU', 'Australia', '61', '0', 9, 9, ['0011']),
	c('NZ', 'New Zealand', '64', '0', 8, 10),
	c('DE', 'Germany', '49', '0', 6, 11),
	c('AT', 'Austria', '43', '0', 6, 12),
	c('CH', 'Switzerland', '41', '0', 9, 9),
	c('FR', 'France', '33', '0', 9, 9),
	c('BE', 'Belgium', '32', '0', 8, 9),
	c('NL', 'Netherlands', '31', '0', 9, 9),
	c('ES', 'Spain', '34', '', 9, 9),
	c('PT', 'Portugal', '351', '', 9, 9),
	c('IT', 'Italy', '39', '', 6, 11),
	c('SE', 'Sweden', '46', '0', 7, 9),
	c('NO', 'Norway', '47', '', 8, 8),
	c('DK', 'Denmark', '45', '', 8, 8),
	c('PL', 'Poland', '48', '', 9, 9),
	c('MX', 'Mexico', '52', '', 10, 10),
	c('BR', 'Brazil', '55', '0', 10, 11),
	c('AR', 'Argentina', '54', '0', 10, 11),
	c('IN', 'India', '91', '0', 10, 10),
	c('SG', 'Singapore', '65', '', 8, 8, ['000', '001']),
	c('ZA', 'South Africa', '27', '0', 9, 9),
	c('AE', 'United Arab Emirates', '971', '0', 8, 9),
	c('IL', 'Israel', '972', '0', 8, 9),
	c('JP', 'Japan', '81', '0', 9, 10, ['010']),
	c('PH', 'Philippines', '63', '0', 10, 10),
];

const BY_CODE = new Map(COUNTRIES.map((country) => [country.code, country]));
/** Calling code → the first country using it (NANP: the US entry). */
const BY_CALLING_CODE = new Map<string, Country>();
for (const country of COUNTRIES) {
	if (!BY_CALLING_CODE.has(country.callingCode)) BY_CALLING_CODE.set(country.callingCode, country);
}

export function countryByCode(code: string): Country | undefined {
	return BY_CODE.get(code.trim().toUpperCase());
}

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: string };

const NANP = /^[2-9]\d{2}[2-9]\d{6}$/;

function bad(reason: string): PhoneResult {
	return { ok: false, reason };
}

/** The digits after the country code, checked against the country's rules. */
function national(country: Country, nsn: string): PhoneResult {
	if (country.callingCode === '1') {
		if (!NANP.test(nsn))
			return bad(
				nsn.length === 10
					? 'is not a valid North American number (area code and exchange cannot start with 0 or 1)'
					: `needs 10 digits after the country code 1, it has ${nsn.length}`,
			);
		return { ok: true, e164: `+1${nsn}` };
	}
	if (country.trunk && nsn.startsWith(country.trunk)) nsn = nsn.slice(country.trunk.length);
	if (nsn.length < country.min || nsn.length > country.max) {
		const want = country.min === country.max ? `${country.min}` : `${country.min}-${country.max}`;
		return bad(
			`needs ${want} digits after the country code ${country.callingCode} (${country.name}), it has ${nsn.length}`,
		);
	}
	return { ok: true, e164: `+${country.callingCode}${nsn}` };
}

/** Digits after "+" or an exit code: the country code is found by its known prefixes. */
function international(digits: string): PhoneResult {
	if (digits.startsWith('0')) return bad('has no country code after the international prefix');
	for (const length of [1, 2, 3]) {
		const country = BY_CALLING_CODE.get(digits.slice(0, length));
		if (country) return national(country, digits.slice(length));
	}
	// A country not in our table: E.164's own limits only.
	if (digits.length < 8 || digits.length > 15)
		return bad(`has ${digits.length} digits; an international number has 8 to 15`);
	return { ok: true, e164: `+${digits}` };
}

/**
 * Reads a phone number the way a person would write it. `defaultCountry` (ISO code, '' for
 * none) is the country of numbers written without a country code.
 */
export function parsePhoneNumber(input: unknown, defaultCountry = ''): PhoneResult {
	if (typeof input === 'number' && Number.isFinite(input)) input = String(input);
	if (typeof input !== 'string' || input.trim() === '') return bad('is empty');
	let text = input.trim().replace(/^tel:/i, '');
	// An extension cannot be dialled by Atlas: refuse rather than drop it silently.
	if (/(?:ext\.?|x|#)\s*\d+\s*$/i.test(text))
		return bad('has an extension, which cannot be dialled');
	// "+44 (0) 20 ...": the trunk 0 written after the country code.
	text = text.replace(/^(\+\d{1,3})\s*\(0\)/, '$1');
	if (!/^\+?[\d\s().\-/\u00a0]+$/.test(text))
		return bad('contains characters that are not part of a phone number');
	const plus = text.startsWith('+');
	const digits = text.replace(/\D/g, '');
	if (digits.length < 4) return bad('is too short');
	if (plus) return international(digits);

	const country = defaultCountry ? countryByCode(defaultCountry) : undefined;
	if (defaultCountry && !country)
		return bad(`cannot be read: unknown Default Country "${defaultCountry}"`);
	// "00" too for North America, where no national number starts with 0.
	const exits = [...new Set([...(country?.exitCodes ?? []), '00'])].sort(
		(a, b) => b.length - a.length,
	);
	for (const exit of exits) {
		if (digits.startsWith(exit)) return international(digits.slice(exit.length));
	}
	if (!country)
		return bad(
			'has no country code: write it with + and the country code (e.g. +1 415 555 0123), or set the Default Country option',
		);
	if (country.callingCode === '1' && digits.length === 11 && digits.startsWith('1'))
		return national(country, digits.slice(1));
	return national(country, digits);
}
