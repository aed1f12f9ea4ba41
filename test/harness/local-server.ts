import * as http from 'http';
import { AddressInfo } from 'net';

/**
 * An HTTP server on 127.0.0.1 for the stand-ins: a random port the first time, the same port after stop(),
 * which drops keep-alive (and hanging) connections too, so the port really refuses until start() again.
 */
export class LocalServer {
    private server?: http.Server;
    private port = 0;

    constructor(private readonly handler: http.RequestListener) {}

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
