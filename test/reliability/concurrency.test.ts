import { selectedEngines } from '../harness/engines';
import { RapidProStandIn } from '../harness/rapidpro-standin';
import { smsRoomOf, SmsWorld } from '../harness/sms';
import { authorized } from '../harness/ticketer';
import { startBothLegs, stopBothLegs } from './bothLegs';
import { countDeliveries, Figures, reportFigures } from './figures';

/**
 * Rocket.Chat runs endpoint calls and event handlers concurrently, app persistence has no unique index, and
 * the phone retries a webhook up to 15 times: none of that may make a second room or a second message.
 */
const CONCURRENT = 50;
const GATEWAY_RETRY_BUDGET = 15;

const figures: Array<Figures> = [];
afterAll(() => reportFigures('concurrency', figures));

describe.each(selectedEngines())('Concurrency and redelivery on $name $version', (engine) => {
    const rapidpro = new RapidProStandIn();
    let world: SmsWorld;
    const engineName = `${engine.name} ${engine.version}`;
    beforeAll(async () => {
        world = await startBothLegs(engine, rapidpro, 'seed', { sms_delivery_reports: false });
    });
    afterAll(() => stopBothLegs(world, rapidpro));

    const texts = (prefix: string) => Array.from({ length: CONCURRENT }, (_, index) => `${prefix} ${index}`);
    const textsIn = (roomId: string, prefix: string) =>
        world.host.rc
            .messagesIn(roomId)
            .map((message) => message.text)
            .filter((text) => typeof text === 'string' && text.startsWith(prefix));
    const visitorsWithPhone = (phone: string) => [...world.host.rc.visitors.values()].filter((visitor) => (visitor.phone || []).some((entry: any) => entry.phoneNumber === phone));
    const roomsOfVisitor = (visitorId: string) => [...world.host.rc.rooms.values()].filter((room) => room.visitor && room.visitor.id === visitorId);

    it(`gives ${CONCURRENT} concurrent first messages from one new number one visitor and one room holding all of them`, async () => {
        const phone = '+4792000001';
        const sent = texts('first contact');
        const results = await Promise.all(sent.map((text) => world.gateway.receiveSms(phone, text)));
        await world.host.rc.settle();
        const [visitor, ...otherVisitors] = visitorsWithPhone(phone);
        const rooms = roomsOfVisitor(visitor.id);
        const arrived = textsIn(rooms[0].id, 'first contact');
        figures.push({ check: `${CONCURRENT} concurrent first SMS from one number`, engine: engineName, tried: CONCURRENT, refused: results.filter((result) => result.statuses[0] !== 200).length, ...countDeliveries(sent, arrived), detail: `${rooms.length} room(s)` });
        expect(results.map((result) => result.statuses)).toEqual(sent.map(() => [200]));
        expect(otherVisitors).toEqual([]);
        expect(rooms).toHaveLength(1);
        expect([...arrived].sort()).toEqual([...sent].sort());
    });

    it(`opens one room for ${CONCURRENT} concurrent room calls of one token, answering each with its id`, async () => {
        const call = () => world.host.call('room', { method: 'get', headers: authorized(), content: { visitor: { token: 'concurrent-contact', name: 'Ana' }, ticketID: 'concurrent-ticket' } });
        const answers = await Promise.all(Array.from({ length: CONCURRENT }, call));
        const visitor = world.host.rc.findVisitorByToken('concurrent-contact');
        const rooms = roomsOfVisitor(visitor.id);
        figures.push({ check: `${CONCURRENT} concurrent room calls for one token`, engine: engineName, tried: CONCURRENT, refused: answers.filter((answer) => answer.status !== 201).length, lost: 0, duplicated: rooms.length - 1 });
        expect(rooms).toHaveLength(1);
        expect(answers).toEqual(answers.map(() => ({ status: 201, headers: expect.anything(), content: { id: rooms[0].id } })));
    });

    it(`posts ${CONCURRENT} concurrent visitor-messages of one ticket once each`, async () => {
        const sent = texts('concurrent visit');
        const answers = await Promise.all(
            sent.map((text) => world.host.call('visitor-message', { method: 'post', headers: authorized(), content: { visitor: { token: 'concurrent-contact' }, text } })),
        );
        const room = roomsOfVisitor(world.host.rc.findVisitorByToken('concurrent-contact').id)[0];
        const arrived = textsIn(room.id, 'concurrent visit');
        figures.push({ check: `${CONCURRENT} concurrent visitor-messages`, engine: engineName, tried: CONCURRENT, refused: answers.filter((answer) => answer.status !== 201).length, ...countDeliveries(sent, arrived) });
        expect(answers.map((answer) => answer.status)).toEqual(sent.map(() => 201));
        expect(new Set(answers.map((answer) => answer.content.id)).size).toBe(CONCURRENT);
        expect([...arrived].sort()).toEqual([...sent].sort());
    });

    it(`sends ${CONCURRENT} replies typed at once in one SMS room once each, in the order Rocket.Chat saved them`, async () => {
        const phone = '+4792000001';
        const room = smsRoomOf(world, phone);
        const sent = texts('burst reply');
        sent.forEach((text) => world.host.rc.agentSends(room.id, world.agent, text));
        await world.host.rc.settle();
        await world.host.rc.runJobsUntilIdle();
        const delivered = world.gateway.sent.filter((message) => message.phoneNumbers.includes(phone)).map((message) => message.textMessage?.text ?? '');
        figures.push({ check: `${CONCURRENT} concurrent agent replies in one SMS room`, engine: engineName, tried: CONCURRENT, refused: 0, ...countDeliveries(sent, delivered) });
        expect(delivered).toEqual(sent);
    });

    it(`posts ${CONCURRENT} replies typed at once in one RapidPro room once each, in order`, async () => {
        const roomId = roomsOfVisitor(world.host.rc.findVisitorByToken('concurrent-contact').id)[0].id;
        const sent = texts('burst callback');
        sent.forEach((text) => world.host.rc.agentSends(roomId, world.agent, text));
        await world.host.rc.settle();
        await world.host.rc.runJobsUntilIdle();
        const delivered = rapidpro.handled.filter((callback) => callback.body.type === 'agent-message').map((callback) => callback.body.data.text);
        figures.push({ check: `${CONCURRENT} concurrent agent replies in one RapidPro room`, engine: engineName, tried: CONCURRENT, refused: 0, ...countDeliveries(sent, delivered) });
        expect(delivered).toEqual(sent);
    });

    it(`keeps one message per SMS when each webhook is delivered ${GATEWAY_RETRY_BUDGET} times, interleaved with the others`, async () => {
        const phones = ['+4792000101', '+4792000102', '+4792000103', '+4792000104', '+4792000105'];
        const first = await Promise.all(phones.map((phone) => world.gateway.receiveSms(phone, `retried from ${phone}`)));
        const answers: Array<number> = first.flatMap((result) => result.statuses);
        for (let attempt = 1; attempt < GATEWAY_RETRY_BUDGET; attempt++) {
            // Each round redelivers every envelope at once, in a different order each time.
            const order = attempt % 2 ? [...first].reverse() : first;
            const results = await Promise.all(order.map((result) => world.gateway.redeliver(result.envelopeId)));
            answers.push(...results.flatMap((result) => result.statuses));
        }
        await world.host.rc.settle();
        const arrived = phones.flatMap((phone) => textsIn(smsRoomOf(world, phone).id, 'retried from'));
        figures.push({
            check: `5 SMS webhooks each delivered ${GATEWAY_RETRY_BUDGET}×, interleaved`,
            engine: engineName,
            tried: answers.length,
            refused: answers.filter((status) => status !== 200).length,
            ...countDeliveries(phones.map((phone) => `retried from ${phone}`), arrived),
        });
        expect(answers).toEqual(answers.map(() => 200));
        expect(arrived.sort()).toEqual(phones.map((phone) => `retried from ${phone}`).sort());
    });

    it(`shows one status per SMS when its delivery webhook comes ${GATEWAY_RETRY_BUDGET} times`, async () => {
        const phone = '+4792000001';
        const room = smsRoomOf(world, phone);
        world.host.rc.agentSends(room.id, world.agent, 'status please');
        await world.host.waitFor('the SMS to reach the gateway', () => world.gateway.sent.find((message) => message.textMessage?.text === 'status please'));
        const message = world.gateway.sent.find((candidate) => candidate.textMessage?.text === 'status please')!;
        await world.gateway.advance(message.id, 'Sent');
        const delivery = world.gateway.deliveries.filter((candidate) => candidate.event === 'sms:sent').slice(-1)[0];
        const results = await Promise.all(Array.from({ length: GATEWAY_RETRY_BUDGET - 1 }, () => world.gateway.redeliver(delivery.envelopeId)));
        await world.host.rc.settle();
        const statusNotes = world.host.rc.messagesIn(room.id).filter((candidate) => candidate.sender.id === world.host.appUser().id && /status please/.test(candidate.text || ''));
        expect(results.map((result) => result.statuses)).toEqual(results.map(() => [200]));
        expect(statusNotes).toHaveLength(1);
    });
});
