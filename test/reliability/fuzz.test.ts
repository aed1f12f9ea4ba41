import fc from 'fast-check';

import { selectedEngines } from '../harness/engines';
import { RapidProStandIn } from '../harness/rapidpro-standin';
import { exampleTemplate, WEBHOOK_TOKEN } from '../harness/provider';
import { GATEWAY_PASSWORD, SIGNING_KEY, SmsWorld } from '../harness/sms';
import { APP_SECRET, authorized } from '../harness/ticketer';
import { startBothLegs, stopBothLegs } from './bothLegs';
import { Figures, reportFigures } from './figures';
import { EngineLimits, FUZZ_FREESIDE, FUZZ_SOURCE, KNOWN_TOKEN, malformedRequests } from './malformed-requests';

/**
 * 10 000 malformed requests per engine across every endpoint: wrong types, missing fields, huge strings,
 * deep nesting, unicode, wrong methods, bad headers and signatures. Every one must be refused with the 4xx
 * that names its problem, none may reach the engine as an exception or a 5xx, and none may change anything.
 */
const RUNS = 10000;
const PROVIDER_KEY = 'provider-key-5a4b3c';
/** See EngineLimits: what never reaches an app under the Deno runtime is left out there (the request itself takes a few levels). */
const limitsOf = (name: string): EngineLimits => (name === 'deno' ? { maxNesting: 90, protoKeys: false } : { maxNesting: 3000, protoKeys: true });

const figures: Array<Figures> = [];
afterAll(() => reportFigures('fuzz', figures));

describe.each(selectedEngines())('Malformed requests on $name $version', (engine) => {
    const rapidpro = new RapidProStandIn();
    let world: SmsWorld;
    beforeAll(async () => {
        world = await startBothLegs(engine, rapidpro, 'seed', {
            sms_provider_template: exampleTemplate('generic-json.json'),
            sms_provider_properties: JSON.stringify({ 'API URL': 'http://127.0.0.1:9/', 'API Key': PROVIDER_KEY, 'Sender Number': '+4790000000' }),
            sms_provider_webhook_token: WEBHOOK_TOKEN,
            message_sources: JSON.stringify([FUZZ_SOURCE]),
            freeside_username: FUZZ_FREESIDE.username,
            freeside_password: FUZZ_FREESIDE.password,
            freeside_templates: JSON.stringify(FUZZ_FREESIDE.templates),
        });
        const opened = await world.host.call('room', { method: 'post', headers: authorized(), content: { visitor: { token: KNOWN_TOKEN }, ticketID: 'fuzz-known-ticket' } });
        expect(opened.status).toBe(201);
        // Freeside's signing key is made by the first Prepare: made here, so a refused Send changes nothing.
        const freesideLogin = `Basic ${Buffer.from(`${FUZZ_FREESIDE.username}:${FUZZ_FREESIDE.password}`).toString('base64')}`;
        const prepared = await world.host.call('freeside/prepare', { method: 'post', headers: { authorization: freesideLogin }, content: { template: 'fuzz', first: 'A', mobile: '+4790000000' } });
        expect(prepared.status).toBe(200);
        await world.host.rc.runJobsUntilIdle();
    });
    afterAll(() => stopBothLegs(world, rapidpro));

    /** Everything a request could have changed: Omnichannel, the app's records, its jobs and settings, what it sent out. */
    const state = () => ({
        rooms: world.host.rc.rooms.size,
        visitors: world.host.rc.visitors.size,
        messages: world.host.rc.messages.length,
        uploads: world.host.rc.uploads.size,
        records: JSON.stringify([...world.host.rc.records.values()].map((record) => [record.associations, record.data])),
        jobs: world.host.rc.jobs.length,
        callbackUrl: world.host.setting('rapidpro_callback_url'),
        callbacks: rapidpro.callbacks.length,
        gatewayRequests: world.host.rc.bridgeCalls.get('Http.doCall') ?? 0,
    });

    it(`refuses ${RUNS} malformed requests with the 4xx that names the problem, changing nothing`, async () => {
        const before = state();
        const byCategory = new Map<string, number>();
        let serverErrors = 0;
        let exceptions = 0;
        await fc.assert(
            fc.asyncProperty(malformedRequests(SIGNING_KEY, WEBHOOK_TOKEN, limitsOf(engine.name)), async ({ category, path, call, status, error }) => {
                byCategory.set(category, (byCategory.get(category) || 0) + 1);
                const answer = await world.host.call(path, call).catch((thrown) => {
                    exceptions++;
                    throw new Error(`${category}: the engine got an exception from ${path}: ${thrown}`);
                });
                if (answer.status >= 500) {
                    serverErrors++;
                }
                const shown = JSON.stringify(answer);
                expect({ category, status: answer.status, error: answer.content?.error }).toEqual({ category, status, error: expect.stringMatching(error) });
                for (const secret of [APP_SECRET, SIGNING_KEY, GATEWAY_PASSWORD, PROVIDER_KEY, WEBHOOK_TOKEN, FUZZ_SOURCE.password, FUZZ_FREESIDE.password]) {
                    expect(shown).not.toContain(secret);
                }
            }),
            { numRuns: RUNS },
        );
        await world.host.rc.settle();
        figures.push({
            check: 'malformed requests',
            engine: `${engine.name} ${engine.version}`,
            tried: RUNS,
            refused: [...byCategory.values()].reduce((sum, count) => sum + count, 0),
            lost: 0,
            duplicated: 0,
            detail: `5xx: ${serverErrors}, exceptions: ${exceptions}, categories: ${byCategory.size}`,
        });
        expect(state()).toEqual(before);
        expect(byCategory.size).toBe(34);
        expect(Math.min(...byCategory.values())).toBeGreaterThan(50);
        expect(world.host.appLogText()).not.toMatch(/^error /m);
    }, 600000);
});
