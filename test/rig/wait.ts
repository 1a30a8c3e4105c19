// Polling helpers. On 2.x much happens after a request has been answered (activation runs a
// trigger's create() in the background), so tests wait for effects instead of sleeping.

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Calls `probe` until it returns a value other than undefined/false/null, and returns it.
 * Errors thrown by the probe count as "not yet" (the last one is reported on timeout), unless
 * `rethrow(error)` says they are final.
 */
export async function waitFor<T>(
	probe: () => T | Promise<T>,
	{
		timeout = 15_000,
		interval = 100,
		what = 'condition',
		rethrow = () => false,
	}: {
		timeout?: number;
		interval?: number;
		what?: string;
		rethrow?: (error: unknown) => boolean;
	} = {},
): Promise<Exclude<T, undefined | null | false>> {
	const deadline = Date.now() + timeout;
	let lastError: unknown;
	for (;;) {
		try {
			const value = await probe();
			if (value !== undefined && value !== null && value !== false) {
				return value as Exclude<T, undefined | null | false>;
			}
		} catch (error) {
			if (rethrow(error)) throw error;
			lastError = error;
		}
		if (Date.now() >= deadline) {
			const why = lastError instanceof Error ? `: last error ${lastError.message}` : '';
			throw new Error(`timed out after ${timeout} ms waiting for ${what}${why}`);
		}
		await sleep(interval);
	}
}
