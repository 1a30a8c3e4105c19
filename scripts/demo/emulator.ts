// The Atlas emulator the demo's n8n talks to (test/emulator), with a new api-key each run, and
// the check that n8n accepted what the emulator delivered.
import { randomBytes } from 'node:crypto';
import { type Emulator, type FireResult, startEmulator } from '../../test/emulator';
import { DemoError, done, home } from './output';
import { pickPort } from './ports';
import { running } from './running';

const EMULATOR_PORT = 5680;

export async function startAtlasEmulator(): Promise<Emulator> {
	const port = await pickPort(EMULATOR_PORT, 'the Atlas emulator');
	// a new key each run; it only ever goes into the n8n credential (never printed)
	const apiKey = `demo-${randomBytes(18).toString('base64url')}`;
	let emulator: Emulator;
	try {
		emulator = await startEmulator({ port, apiKey });
	} catch (error) {
		throw new DemoError(
			`the Atlas emulator could not listen on port ${port}: ${(error as Error).message}`,
			'free the port, or run npm start again to pick another one',
		);
	}
	running.emulator = emulator;
	done(`Atlas emulator on ${emulator.baseUrl}`);
	return emulator;
}

/** Throws when n8n refused a delivery of `what`, or when no subscription matched it. */
export function checkDeliveries(result: FireResult, what: string): void {
	const bad = result.deliveries.filter((d) => d.status === null || d.status >= 300);
	if (bad.length > 0) {
		throw new DemoError(
			`n8n refused ${bad.length} of ${result.deliveries.length} deliveries of ${what} (HTTP ${bad.map((d) => d.status ?? 'no answer').join(', ')})`,
			`see ${home(running.n8n!.logFile)}`,
		);
	}
	if (result.deliveries.length === 0)
		throw new DemoError(`no subscription in the emulator matched ${what}`);
}
