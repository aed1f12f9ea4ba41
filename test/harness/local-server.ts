import * as http from 'http';
import { AddressInfo } from 'net';

/**
 * An HTTP server on 127.0.0.1 for the stand-ins: the given port, or a random one the first time (0); the same
 * port after stop(), which drops keep-alive (and hanging) connections too, so the port really refuses until
 * start() again.
 */
export class LocalServer {
    private server?: http.Server;

    constructor(private readonly handler: http.RequestListener, private port = 0) {}

    public get origin(): string {
        return `http://127.0.0.1:${this.port}`;
    }

    public async start(): Promise<void> {
        if (this.server) {
            return;
        }
        const server = http.createServer(this.handler);
        this.server = server;
        await new Promise<void>((resolve, reject) => {
            server.once('error', reject);
            server.listen(this.port, '127.0.0.1', () => resolve());
        });
        this.port = (server.address() as AddressInfo).port;
    }

    public async stop(): Promise<void> {
        const server = this.server;
        this.server = undefined;
        if (server) {
            (server as any).closeAllConnections();
            await new Promise<void>((resolve) => server.close(() => resolve()));
        }
    }
}
