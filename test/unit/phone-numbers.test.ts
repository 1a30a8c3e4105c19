// Phone numbers as users paste them, read into E.164 (Call > Schedule, Chat > Start SMS Conversation).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { COUNTRIES, countryByCode, parsePhoneNumber } from '../../nodes/shared/model/phone';

/** [as pasted, Default Country, E.164 expected] */
const VALID: [string, string, string][] = [
	['(415) 555-0123', 'US', '+14155550123'],
	['415.555.0123', 'US', '+14155550123'],
	['415-555-0123', 'US', '+14155550123'],
	['4155550123', 'US', '+14155550123'],
	['1 (415) 555-0123', 'US', '+14155550123'],
	['1-415-555-0123', 'US', '+14155550123'],
	['+1 415 555 0123', '', '+14155550123'],
	['+1 (415) 555-0123', 'GB', '+14155550123'],
	['011 44 20 7946 0958', 'US', '+442079460958'],
	['0044 20 7946 0958', 'US', '+442079460958'],
	['0044 20 7946 0958', '', '+442079460958'],
	['+44 20 7946 0958', '', '+442079460958'],
	['+44 (0)20 7946 0958', '', '+442079460958'],
	['+44 (0) 20 7946 0958', 'US', '+442079460958'],
	['+44 020 7946 0958', '', '+442079460958'],
	['020 7946 0958', 'GB', '+442079460958'],
	['07700 900123', 'GB', '+447700900123'],
	['0113 496 0000', 'GB', '+441134960000'],
	['030 1234567', 'DE', '+49301234567'],
	['+49 (0)30 1234567', '', '+49301234567'],
	['01 23 45 67 89', 'FR', '+33123456789'],
	['06.12.34.56.78', 'FR', '+33612345678'],
	['02 1234 5678', 'AU', '+61212345678'],
	['0011 1 415 555 0123', 'AU', '+14155550123'],
	['0412 345 678', 'AU', '+61412345678'],
	['06 1234 5678', 'IT', '+390612345678'],
	['+39 06 1234 5678', '', '+390612345678'],
	['612 34 56 78', 'ES', '+34612345678'],
	['(613) 555-0199', 'CA', '+16135550199'],
	['+353 1 234 5678', '', '+35312345678'],
	['98765 43210', 'IN', '+919876543210'],
	['+7 912 345 67 89', '', '+79123456789'],
	['tel:+14155550123', '', '+14155550123'],
	['  +1\u00a0415\u00a0555\u00a00123 ', '', '+14155550123'],
];

/** [as pasted, Default Country, what the reason says] */
const INVALID: [unknown, string, RegExp][] = [
	['', 'US', /empty/],
	['   ', 'US', /empty/],
	[undefined, 'US', /empty/],
	['555-0123', 'US', /10 digits/],
	['(015) 555-0123', 'US', /area code/],
	['415 555 01234', 'US', /10 digits/],
	['call me maybe', 'US', /characters/],
	['415-555-CALL', 'US', /characters/],
	['john@example.com', 'US', /characters/],
	['415.555.0123 ext. 12', 'US', /extension/],
	['415-555-0123 x7', 'US', /extension/],
	['4155550123', '', /no country code/],
	['020 7946 0958', '', /no country code/],
	['+44 20 7946', '', /9-10 digits/],
	['+0 123 456 789', '', /no country code/],
	['00 0 123', '', /too short|no country code/],
	['+123', '', /too short/],
	['+999 1234567890123456', '', /8 to 15/],
	['0612 3456 7890', 'FR', /9 digits/],
	['123', 'GB', /too short/],
	['4155550123', 'XX', /unknown Default Country/],
];

describe('phone numbers: what users paste becomes E.164', () => {
	it(`reads ${VALID.length} real-world spellings`, () => {
		for (const [input, country, expected] of VALID) {
			assert.deepEqual(
				parsePhoneNumber(input, country),
				{ ok: true, e164: expected },
				`${JSON.stringify(input)} with Default Country "${country}"`,
			);
		}
	});

	it(`refuses ${INVALID.length} that cannot be dialled, saying why`, () => {
		for (const [input, country, reason] of INVALID) {
			const result = parsePhoneNumber(input, country);
			assert.equal(result.ok, false, `${JSON.stringify(input)} is refused`);
			if (!result.ok) assert.match(result.reason, reason, JSON.stringify(input));
		}
	});

	it('has at least 30 spellings in all, and a plain table of countries', () => {
		assert.ok(VALID.length + INVALID.length >= 30);
		assert.equal(new Set(COUNTRIES.map((country) => country.code)).size, COUNTRIES.length);
		assert.equal(countryByCode('gb')?.callingCode, '44');
		assert.equal(parsePhoneNumber(4155550123, 'US').ok, true, 'a number from a sheet cell');
	});
});
