import { ILogger } from '@rocket.chat/apps-engine/definition/accessors';

/**
 * The logger of the current job. The Deno runtime calls processors bound to the app as seen by this job,
 * whose logger reaches the app logs; vm2 calls them unbound, and the app's own logger is the right one.
 */
export function jobLogger(binding: unknown): ILogger | undefined {
    const app = binding as { getLogger?: () => ILogger } | undefined;
    return app && typeof app.getLogger === 'function' ? app.getLogger() : undefined;
}
