/** What went wrong, in words, from anything thrown (an Error's message, else the value as text). */
export function errorText(error: unknown): string {
	if (error && typeof error === 'object' && 'message' in error) {
		const message = (error as { message: unknown }).message;
		if (typeof message === 'string' && message !== '') return message;
	}
	return error === undefined || error === null ? 'unknown error' : String(error);
}
