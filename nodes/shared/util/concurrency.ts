export type Settled<T, R> =
	{ input: T; ok: true; value: R } | { input: T; ok: false; error: unknown };

/**
 * Runs `task` over `inputs` with at most `limit` in flight, and waits for all of them:
 * each result says whether it worked, so a caller can roll back or report exactly what failed.
 */
export async function mapSettled<T, R>(
	inputs: readonly T[],
	limit: number,
	task: (input: T) => Promise<R>,
): Promise<Array<Settled<T, R>>> {
	const results = new Array<Settled<T, R>>(inputs.length);
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < inputs.length) {
			const index = next++;
			const input = inputs[index];
			try {
				results[index] = { input, ok: true, value: await task(input) };
			} catch (error) {
				results[index] = { input, ok: false, error };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), inputs.length) }, worker));
	return results;
}
