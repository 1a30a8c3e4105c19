/** A contact as compared: the digits of a phone number ("+1 (555) 010-0001" → "15550100001"), else lower-cased text. */
export function contactKey(value: string): string {
	const trimmed = value.trim();
	if (/^\+?[\d\s().-]+$/.test(trimmed)) return trimmed.replace(/\D/g, '');
	return trimmed.toLowerCase();
}
