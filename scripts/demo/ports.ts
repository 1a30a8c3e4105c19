// The demo prefers fixed ports (5678 for n8n, 5680 for the emulator) so its URLs are the usual
// ones; when one is busy it says so and takes a free one.
import { createServer } from 'node:net';
import { freePort } from '../../test/rig/ports';
import { note } from './output';

async function portIsFree(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const srv = createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

export async function pickPort(preferred: number, what: string): Promise<number> {
	if (await portIsFree(preferred)) return preferred;
	const port = await freePort();
	note(`port ${preferred} is busy, so ${what} uses port ${port}`);
	return port;
}
