// Free loopback ports. The OS hands out a free one for port 0; we remember what this process
// already gave away so two instances started back to back never get the same port.
import { createServer } from 'node:net';

const handedOut = new Set<number>();

export async function freePort(): Promise<number> {
	for (;;) {
		const port = await new Promise<number>((resolve, reject) => {
			const srv = createServer();
			srv.once('error', reject);
			srv.listen(0, '127.0.0.1', () => {
				const addr = srv.address();
				srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
			});
		});
		if (port && !handedOut.has(port)) {
			handedOut.add(port);
			return port;
		}
	}
}
