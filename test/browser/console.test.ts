import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Browser, chromium, Page } from 'playwright-core';

import { selectedEngines } from '../harness/engines';
import { RunningSandbox, startSandbox } from './sandbox-process';

/**
 * The sandbox as a user meets it: `npm start`'s entry point on free ports, the agent console in real headless
 * Chromium (Debian's `chromium`; `.ci/run` installs it), the SMS story and the RapidPro story clicked through,
 * then a restart that must keep everything. Screenshots go to artifacts/browser/.
 */
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCREENSHOTS = path.resolve(__dirname, '..', '..', 'artifacts', 'browser');
const WAIT = { timeout: 30000 };
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

jest.setTimeout(180000);

describe.each(selectedEngines())('The agent console (Apps-Engine $version, $name)', (engine) => {
    let browser: Browser;
    let sandbox: RunningSandbox | undefined;
    let page: Page;
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickets-sandbox-'));
    const stateFile = path.join(stateDir, 'state.json');

    beforeAll(async () => {
        if (!fs.existsSync(CHROMIUM)) {
            throw new Error(`No Chromium at ${CHROMIUM}: the browser test needs Debian's chromium (apt-get install -y --no-install-recommends chromium; .ci/run installs it), or CHROMIUM_PATH`);
        }
        fs.mkdirSync(SCREENSHOTS, { recursive: true });
        browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
        sandbox = await startSandbox(engine.name, stateFile);
        page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        await page.goto(sandbox.consoleUrl);
    });

    afterAll(async () => {
        await sandbox?.stop();
        await browser?.close();
        fs.rmSync(stateDir, { recursive: true, force: true });
    });

    const room = (origin: string, name: string) => page.locator(`#rooms .room-item[data-origin="${origin}"]`).filter({ hasText: name });
    const message = (text: string) => page.locator('#messages .message').filter({ hasText: text });
    const sentSms = (text: string) => page.locator('#sent-sms .sms').filter({ hasText: text });
    const callback = (type: string, text: string) => page.locator(`#rp-callbacks .callback[data-type="${type}"]`).filter({ hasText: text });

    it('shows an SMS as a room, sends the reply through the phone with its delivery ticks, and closes', async () => {
        await page.fill('#contact-from', '+4790214465');
        await page.fill('#contact-text', 'My water is cut');
        await page.click('#contact-send-sms');
        await room('sms', '+4790214465').click(WAIT);
        await message('My water is cut').waitFor(WAIT);

        await page.fill('#reply-text', 'A team is on its way');
        await page.click('#reply-send');
        await sentSms('A team is on its way').locator('.state', { hasText: 'Pending' }).waitFor(WAIT);
        await sentSms('A team is on its way').locator('button.advance[data-state="Sent"]').click();
        await message('✓ SMS sent to +4790214465').waitFor(WAIT);
        await sentSms('A team is on its way').locator('button.advance[data-state="Delivered"]').click();
        await message('✓✓ SMS delivered to +4790214465').waitFor(WAIT);
        await sentSms('A team is on its way').locator('.state', { hasText: 'Delivered' }).waitFor(WAIT);

        await page.fill('#contact-text', 'Here is the meter');
        await page.setInputFiles('#contact-files', { name: 'meter.png', mimeType: 'image/png', buffer: PNG });
        await page.click('#contact-send-mms');
        await message('meter.png').locator('img').waitFor(WAIT);
        await page.setInputFiles('#reply-file', { name: 'route.png', mimeType: 'image/png', buffer: PNG });
        await page.click('#reply-send');
        await sentSms('MMS: route.png').waitFor(WAIT);

        await page.screenshot({ path: path.join(SCREENSHOTS, `console-sms-${engine.name}.png`), fullPage: true });
        await page.fill('#close-comment', 'Water is back');
        await page.click('#close-room');
        await room('sms', '+4790214465').waitFor({ state: 'detached', ...WAIT });
        expect(fs.statSync(path.join(SCREENSHOTS, `console-sms-${engine.name}.png`)).size).toBeGreaterThan(0);
    });

    it('opens a RapidPro ticket as a room, sends the reply and the close back as callbacks, and takes RapidPro closing it', async () => {
        await page.fill('#rp-name', 'Ryan Lewis');
        await page.fill('#rp-phone', '+12024561111');
        await page.fill('#rp-text', 'I need help with my order');
        await page.click('#rp-open');
        await room('rapidpro', 'Ryan Lewis').click(WAIT);
        await message('I need help with my order').waitFor(WAIT);

        await page.fill('#reply-text', 'We can help');
        await page.click('#reply-send');
        await callback('agent-message', 'We can help').waitFor(WAIT);
        await selectTicket('Ryan Lewis');
        await page.fill('#rp-message', 'Order 4711');
        await page.click('#rp-send');
        await message('Order 4711').waitFor(WAIT);
        await page.screenshot({ path: path.join(SCREENSHOTS, `console-rapidpro-${engine.name}.png`), fullPage: true });
        await page.click('#close-room');
        await callback('close-room', '').waitFor(WAIT);
        await page.locator('#rp-ticket option', { hasText: 'Ryan Lewis' }).filter({ hasText: 'closed' }).waitFor({ state: 'attached', ...WAIT });

        await page.fill('#rp-name', 'Ana Souza');
        await page.fill('#rp-phone', '');
        await page.fill('#rp-text', 'Olá');
        await page.click('#rp-open');
        await room('rapidpro', 'Ana Souza').waitFor(WAIT);
        await selectTicket('Ana Souza');
        await page.click('#rp-close');
        await room('rapidpro', 'Ana Souza').waitFor({ state: 'detached', ...WAIT });
    });

    it('texts a number first with /sms: the room opens for the agent and the text leaves as an SMS', async () => {
        await page.fill('#sms-args', '+4791234567 Your appointment is at 10:00');
        await page.click('#sms-run');
        await page.locator('#sms-notices li', { hasText: '+4791234567' }).waitFor(WAIT);
        await room('sms', '+4791234567').click(WAIT);
        await message('Your appointment is at 10:00').waitFor(WAIT);
        await sentSms('Your appointment is at 10:00').waitFor(WAIT);
    });

    it('edits the app settings as the admin UI does', async () => {
        await page.click('#tab-settings');
        const language = page.locator('#setting-notes_language');
        await language.waitFor(WAIT);
        await language.selectOption('es');
        await page.click('#settings-save');
        await page.locator('#settings-status', { hasText: 'Saved' }).waitFor(WAIT);
        await page.reload();
        await page.click('#tab-settings');
        expect(await page.locator('#setting-notes_language').inputValue()).toBe('es');
        await page.click('#tab-console');
    });

    it('answers a console request it cannot act on with the reason, and the page shows it', async () => {
        const answer = await fetch(new URL('/sandbox/api/contact/sms', sandbox!.consoleUrl), { method: 'POST', body: JSON.stringify({ text: 'no sender' }) });
        expect(answer.status).toBe(400);
        expect(await answer.json()).toEqual({ error: 'from is required' });

        await page.fill('#contact-from', '');
        await page.fill('#contact-text', 'Hello?');
        await page.click('#contact-send-sms');
        await page.locator('#status.error', { hasText: 'from is required' }).waitFor(WAIT);
    });

    it('keeps rooms, messages, the phone\'s messages, tickets and settings across a restart', async () => {
        await sandbox!.stop();
        sandbox = await startSandbox(engine.name, stateFile);
        await page.goto(sandbox.consoleUrl);
        await page.check('#show-closed');
        await room('sms', '+4790214465').click(WAIT);
        await message('✓✓ SMS delivered to +4790214465').waitFor(WAIT);
        await message('meter.png').locator('img').waitFor(WAIT);
        await sentSms('A team is on its way').locator('.state', { hasText: 'Delivered' }).waitFor(WAIT);
        await page.locator('#rp-ticket option', { hasText: 'Ryan Lewis' }).waitFor({ state: 'attached', ...WAIT });
        await page.click('#tab-settings');
        expect(await page.locator('#setting-notes_language').inputValue()).toBe('es');
    });

    async function selectTicket(name: string): Promise<void> {
        const option = page.locator('#rp-ticket option', { hasText: name });
        await option.waitFor({ state: 'attached', ...WAIT });
        await page.selectOption('#rp-ticket', (await option.getAttribute('value'))!);
    }
});
