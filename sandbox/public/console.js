'use strict';
// The agent console: polls the sandbox's JSON API once a second and renders rooms, messages, the emulated phone
// and RapidPro; every form calls one API route. Plain DOM, no framework.
(function () {
    const api = '/sandbox/api/';
    const $ = (id) => document.getElementById(id);
    const state = { roomId: null, rendered: {} };

    async function call(method, path, body) {
        const response = await fetch(api + path, {
            method,
            headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        const answer = await response.json().catch(() => ({}));
        if (!response.ok) {
            throw new Error(answer.error || `${response.status} ${response.statusText}`);
        }
        return answer;
    }

    function say(text, kind) {
        const status = $('status');
        status.textContent = text;
        status.className = kind || '';
    }

    /** Runs a form's action, shows its outcome, refreshes at once. */
    async function act(description, work) {
        try {
            const result = await work();
            say(description, 'ok');
            await refresh();
            return result;
        } catch (error) {
            say(`${description} failed: ${error.message}`, 'error');
            return undefined;
        }
    }

    function el(tag, attributes, ...children) {
        const node = document.createElement(tag);
        Object.entries(attributes || {}).forEach(([name, value]) => {
            if (name === 'class') {
                node.className = value;
            } else if (name.startsWith('on')) {
                node.addEventListener(name.slice(2), value);
            } else if (value !== undefined && value !== null && value !== false) {
                node.setAttribute(name, value === true ? '' : value);
            }
        });
        children.flat().forEach((child) => node.append(child instanceof Node ? child : document.createTextNode(String(child))));
        return node;
    }

    /** Replaces a list's content only when its data changed, so scrolling and focus survive the polling. */
    function renderIfChanged(key, data, render) {
        const json = JSON.stringify(data);
        if (state.rendered[key] !== json) {
            state.rendered[key] = json;
            render(data);
        }
    }

    const time = (iso) => (iso ? new Date(iso).toLocaleTimeString() : '');

    function readFile(file) {
        return new Promise((resolve, reject) => {
            const reader = new FileReader();
            reader.onload = () => resolve({ name: file.name, type: file.type || 'application/octet-stream', data: String(reader.result).split(',')[1] || '' });
            reader.onerror = () => reject(reader.error);
            reader.readAsDataURL(file);
        });
    }

    // ---- rendering -----------------------------------------------------------------------------------------

    function renderRooms(rooms) {
        const showClosed = $('show-closed').checked;
        const visible = rooms.filter((room) => room.open || showClosed);
        $('no-rooms').hidden = visible.length > 0;
        $('rooms').replaceChildren(
            ...visible.map((room) =>
                el(
                    'li',
                    {
                        'class': `room-item${room.id === state.roomId ? ' selected' : ''}${room.open ? '' : ' closed'}`,
                        'data-room-id': room.id,
                        'data-origin': room.origin,
                        'onclick': () => selectRoom(room.id),
                    },
                    el('span', { class: `badge ${room.origin}` }, room.origin === 'sms' ? 'SMS' : room.origin === 'rapidpro' ? 'RapidPro' : room.origin),
                    el('strong', {}, room.name),
                    room.open ? '' : ' (closed)',
                    el('div', { class: 'muted' }, [room.phone, room.department, room.servedBy && `served by ${room.servedBy}`].filter(Boolean).join(' · ')),
                ),
            ),
        );
        const selected = rooms.find((room) => room.id === state.roomId);
        $('room-empty').hidden = Boolean(selected);
        $('room-panel').hidden = !selected;
        if (selected) {
            $('room-title').textContent = selected.name;
            $('room-meta').textContent = `${selected.origin === 'sms' ? 'SMS' : selected.origin === 'rapidpro' ? 'RapidPro ticket' : 'Livechat'} · ${selected.open ? 'open' : 'closed'}`;
            $('close-room').disabled = !selected.open;
            $('reply-send').disabled = !selected.open;
        }
    }

    function attachmentView(attachment) {
        const link = attachment.link ? el('a', { href: attachment.link, target: '_blank', rel: 'noopener' }, attachment.title || attachment.link) : attachment.title;
        const media = attachment.imageUrl
            ? el('img', { src: attachment.imageUrl, alt: attachment.title })
            : attachment.audioUrl
              ? el('audio', { src: attachment.audioUrl, controls: true })
              : attachment.videoUrl
                ? el('video', { src: attachment.videoUrl, controls: true, width: 240 })
                : '';
        return el('div', { class: 'attachment' }, 'File: ', link, media, attachment.description ? el('div', { class: 'muted' }, attachment.description) : '');
    }

    function renderMessages(messages) {
        const list = $('messages');
        const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 20;
        list.replaceChildren(
            ...messages.map((message) =>
                el(
                    'li',
                    { 'class': `message ${message.author}`, 'data-message-id': message.id },
                    el('div', { class: 'who' }, `${message.sender}${message.author === 'app' ? ' (app)' : ''} · ${time(message.createdAt)}`),
                    el('div', { class: 'text' }, message.systemType ? `${message.systemType}${message.text ? `: ${message.text}` : ''}` : message.text),
                    message.attachments.map(attachmentView),
                ),
            ),
        );
        if (atBottom) {
            list.scrollTop = list.scrollHeight;
        }
    }

    function renderSentSms(sent) {
        const advanceButton = (sms, next) =>
            el('button', { 'type': 'button', 'class': 'small advance', 'data-state': next, 'onclick': () => act(`The phone reports ${next} for ${sms.id}`, () => call('POST', `gateway/messages/${encodeURIComponent(sms.id)}/advance`, { state: next })) }, next);
        $('sent-sms').replaceChildren(
            ...(sent.length ? sent : []).map((sms) =>
                el(
                    'li',
                    { 'class': 'sms', 'data-sms-id': sms.id },
                    el('div', {}, 'To ', el('strong', {}, sms.to), ' · ', el('span', { class: 'state' }, sms.state), ' · ', el('span', { class: 'muted' }, time(sms.acceptedAt))),
                    el('div', { class: 'text' }, sms.text),
                    sms.files.length ? el('div', { class: 'muted' }, `MMS: ${sms.files.join(', ')}`) : '',
                    el('div', { class: 'row' }, ['Sent', 'Delivered', 'Failed'].map((next) => advanceButton(sms, next))),
                ),
            ),
        );
        if (!sent.length) {
            $('sent-sms').append(el('li', { class: 'muted' }, 'Nothing sent yet.'));
        }
    }

    function renderRapidPro(rapidPro) {
        renderIfChanged('tickets', rapidPro.tickets, (tickets) => {
            const select = $('rp-ticket');
            const chosen = select.value;
            select.replaceChildren(
                ...tickets.map((ticket) =>
                    el('option', { value: ticket.ticketID, selected: ticket.ticketID === chosen }, `${ticket.name} (contact ${ticket.token}) · ${ticket.status}`),
                ),
            );
        });
        renderIfChanged('callbacks', rapidPro.callbacks, (callbacks) => {
            $('rp-callbacks').replaceChildren(
                ...callbacks.map((callback) =>
                    el(
                        'li',
                        { 'class': 'callback', 'data-type': callback.body && callback.body.type },
                        el('strong', {}, (callback.body && callback.body.type) || 'callback'),
                        ` → ${callback.answeredWith || 'no answer'}`,
                        el('pre', {}, JSON.stringify(callback.body && callback.body.data ? callback.body.data : callback.body)),
                    ),
                ),
            );
        });
    }

    async function refresh() {
        const overview = await call('GET', 'overview');
        $('agent').textContent = `Signed in as ${overview.agent.username} (Omnichannel agent)`;
        renderIfChanged('rooms', { rooms: overview.rooms, selected: state.roomId, closed: $('show-closed').checked }, () => renderRooms(overview.rooms));
        renderIfChanged('sent', overview.sentSms, renderSentSms);
        renderRapidPro(overview.rapidPro);
        renderIfChanged('notices', overview.notices, (notices) => $('sms-notices').replaceChildren(...notices.slice(0, 5).map((text) => el('li', {}, text))));
        renderIfChanged('log', overview.appLog, (lines) => $('app-log').replaceChildren(...lines.map((line) => el('li', {}, line))));
        if (state.roomId) {
            renderIfChanged('messages', await call('GET', `rooms/${encodeURIComponent(state.roomId)}/messages`), renderMessages);
        }
    }

    function selectRoom(roomId) {
        state.roomId = roomId;
        delete state.rendered.messages;
        delete state.rendered.rooms;
        void refresh().catch((error) => say(error.message, 'error'));
    }

    // ---- settings ------------------------------------------------------------------------------------------

    function settingInput(setting) {
        const common = { 'id': `setting-${setting.id}`, 'name': setting.id, 'data-type': setting.type };
        if (setting.type === 'boolean') {
            return el('input', { ...common, type: 'checkbox', checked: setting.value === true });
        }
        if (setting.type === 'select') {
            return el('select', common, setting.values.map((option) => el('option', { value: option.key, selected: option.key === setting.value }, option.label)));
        }
        const type = setting.type === 'password' ? 'password' : setting.type === 'int' || setting.type === 'number' ? 'number' : 'text';
        const input = el('input', { ...common, type, value: setting.value === undefined ? '' : String(setting.value), autocomplete: 'off' });
        if (setting.type !== 'password') {
            return input;
        }
        const reveal = el('input', { type: 'checkbox', onchange: () => (input.type = reveal.checked ? 'text' : 'password') });
        return el('div', {}, input, el('label', { class: 'inline' }, reveal, 'show'));
    }

    function renderSettings(settings) {
        state.savedSettings = Object.fromEntries(settings.map((setting) => [setting.id, setting.value]));
        let section = null;
        const nodes = [];
        settings.forEach((setting) => {
            if (setting.section !== section) {
                section = setting.section;
                nodes.push(el('h2', { class: 'section-title' }, section));
            }
            nodes.push(
                el('div', { class: 'setting' }, el('label', { for: `setting-${setting.id}` }, el('strong', {}, setting.label)), settingInput(setting), el('div', { class: 'description' }, setting.description)),
            );
        });
        $('settings-fields').replaceChildren(...nodes);
    }

    async function showSettings() {
        renderSettings(await call('GET', 'settings'));
    }

    /** Sends only what changed, as the admin UI does, so only those settings' hooks run. */
    async function saveSettings() {
        const values = {};
        $('settings-fields')
            .querySelectorAll('[name]')
            .forEach((input) => {
                const value = input.type === 'checkbox' ? input.checked : input.value;
                if (String(value) !== String(state.savedSettings[input.name])) {
                    values[input.name] = value;
                }
            });
        if (Object.keys(values).length === 0) {
            $('settings-status').textContent = 'Nothing changed';
            return;
        }
        renderSettings(await call('PUT', 'settings', { values }));
        $('settings-status').textContent = `Saved ${Object.keys(values).join(', ')} at ${new Date().toLocaleTimeString()}`;
    }

    // ---- wiring --------------------------------------------------------------------------------------------

    function onSubmit(id, handler) {
        $(id).addEventListener('submit', (event) => {
            event.preventDefault();
            void handler();
        });
    }

    document.querySelectorAll('.tab').forEach((tab) =>
        tab.addEventListener('click', () => {
            document.querySelectorAll('.tab').forEach((other) => other.classList.toggle('active', other === tab));
            document.querySelectorAll('.view').forEach((view) => (view.hidden = view.id !== tab.dataset.view));
            if (tab.dataset.view === 'settings-view') {
                void showSettings().catch((error) => say(error.message, 'error'));
            }
        }),
    );
    $('show-closed').addEventListener('change', () => void refresh());

    onSubmit('reply-form', async () => {
        const fileInput = $('reply-file');
        const file = fileInput.files[0] ? await readFile(fileInput.files[0]) : undefined;
        const sent = await act('Reply sent', () => call('POST', `rooms/${encodeURIComponent(state.roomId)}/reply`, { text: $('reply-text').value, file }));
        if (sent) {
            $('reply-text').value = '';
            fileInput.value = '';
        }
    });
    $('reply-text').addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            $('reply-form').requestSubmit();
        }
    });
    onSubmit('close-form', async () => {
        if (await act('Room closed', () => call('POST', `rooms/${encodeURIComponent(state.roomId)}/close`, { comment: $('close-comment').value }))) {
            $('close-comment').value = '';
        }
    });
    onSubmit('sms-form', async () => {
        const answer = await act('/sms ran', () => call('POST', 'sms-command', { args: $('sms-args').value, roomId: state.roomId || undefined }));
        if (answer) {
            say(answer.notices.join(' ') || '/sms ran', 'ok');
        }
    });

    const webhookOutcome = (answer) => `the app answered ${answer.webhookStatuses.join(', ')} ${JSON.stringify(answer.answers)}`;
    onSubmit('contact-form', async () => {
        const answer = await act('SMS delivered to the app', () => call('POST', 'contact/sms', { from: $('contact-from').value, text: $('contact-text').value }));
        if (answer) {
            say(`SMS delivered: ${webhookOutcome(answer)}`, 'ok');
        }
    });
    $('contact-send-mms').addEventListener('click', async () => {
        const files = await Promise.all([...$('contact-files').files].map(readFile));
        const answer = await act('MMS delivered to the app', () => call('POST', 'contact/mms', { from: $('contact-from').value, text: $('contact-text').value, files }));
        if (answer) {
            say(`MMS delivered: ${webhookOutcome(answer)}`, 'ok');
        }
    });

    const ticketOutcome = (answer) => `app answered ${answer.status} ${JSON.stringify(answer.body || '')}`;
    onSubmit('ticket-form', async () => {
        const answer = await act('Ticket opened', () => call('POST', 'rapidpro/tickets', { name: $('rp-name').value, phone: $('rp-phone').value, text: $('rp-text').value }));
        if (answer) {
            say(`RapidPro opened a ticket: ${ticketOutcome(answer)}`, answer.status < 300 ? 'ok' : 'error');
        }
    });
    onSubmit('ticket-action-form', async () => {
        const ticket = $('rp-ticket').value;
        const answer = await act('Message forwarded', () => call('POST', `rapidpro/tickets/${encodeURIComponent(ticket)}/messages`, { text: $('rp-message').value, attachmentUrl: $('rp-attachment').value }));
        if (answer) {
            say(`RapidPro forwarded the message: ${ticketOutcome(answer)}`, answer.status < 300 ? 'ok' : 'error');
        }
    });
    $('rp-close').addEventListener('click', async () => {
        const answer = await act('Ticket closed', () => call('POST', `rapidpro/tickets/${encodeURIComponent($('rp-ticket').value)}/close`));
        if (answer) {
            say(`RapidPro closed the ticket: ${ticketOutcome(answer)}`, answer.status < 300 ? 'ok' : 'error');
        }
    });
    onSubmit('settings-form', () => saveSettings().catch((error) => ($('settings-status').textContent = `Not saved: ${error.message}`)));

    const poll = () =>
        refresh()
            .catch((error) => say(`The sandbox does not answer: ${error.message}`, 'error'))
            .finally(() => setTimeout(poll, 1000));
    poll();
})();
