/** Request bodies exactly as CONTRACTS.md §1 lists them (RapidPro's mailroom, ticketer type `rocketchat`). */
export const CONTACT_UUID = '5d76d86b-3bb9-4d5a-b822-c9d86f5d8e4f';
export const TICKET_ID = '59d74b86-3e2f-4a93-aece-b05d2fdcde0c';

export const roomRequest = (token = '1234567', ticketID = TICKET_ID) => ({
    visitor: { token, contactUUID: CONTACT_UUID, name: 'Ryan Lewis', email: 'foo@bar.com', phone: '+12024561111' },
    ticketID,
});

export const closeRequest = (token = '10000') => ({ visitor: { token } });

export const visitorMessage = (token = '10000', text = "It's urgent") => ({
    visitor: { token },
    text,
    attachments: [{ type: 'image/jpg', url: 'https://link.to/image.jpg' }],
});
