import { selectedEngines } from '../harness/engines';
import { TicketsHost } from '../harness/tickets-host';

describe.each(selectedEngines())('smoke on $name $version', (engine) => {
    const host = new TicketsHost(engine);
    beforeAll(() => host.start());
    afterAll(() => host.stop());

    it('answers ping', async () => {
        const answer = await host.call('ping', { method: 'get', content: { a: 1 } });
        console.log(JSON.stringify(answer), host.logText());
        expect(answer.status).toBe(200);
    });
});
