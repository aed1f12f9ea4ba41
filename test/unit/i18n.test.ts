import * as fs from 'fs';
import * as path from 'path';

import { catalogue, noteLanguages, noteText } from '../../lib/notes/catalogue';
import { settingDefinitions } from '../../settings/definitions';

const i18nDir = path.resolve(__dirname, '..', '..', 'i18n');
const languageFiles = ['en', 'pt-BR', 'es'];
const load = (language: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(i18nDir, `${language}.json`), 'utf8'));
const placeholders = (text: string) => (text.match(/\{\w+\}/g) || []).sort();

describe('translations', () => {
    const usedKeys = settingDefinitions.flatMap((setting) => [
        setting.i18nLabel,
        ...(setting.i18nDescription ? [setting.i18nDescription] : []),
        ...(setting.section ? [setting.section] : []),
        ...(setting.values || []).map((value) => value.i18nLabel),
    ]);

    it.each(languageFiles)('%s.json has every label, description and section the settings use', (language) => {
        const texts = load(language);
        expect(usedKeys.filter((key) => !texts[key])).toEqual([]);
    });

    it.each(languageFiles)('%s.json has the same keys as en.json', (language) => {
        expect(Object.keys(load(language)).sort()).toEqual(Object.keys(load('en')).sort());
    });

    it('ships exactly the languages it offers for notes', () => {
        expect([...noteLanguages].sort()).toEqual([...languageFiles].sort());
        expect(fs.readdirSync(i18nDir).sort()).toEqual(languageFiles.map((language) => `${language}.json`).sort());
    });

    it.each(noteLanguages)('notes in %s have every key with the placeholders of English', (language) => {
        for (const [key, english] of Object.entries(catalogue.en)) {
            expect([key, placeholders(catalogue[language][key as keyof typeof catalogue.en])]).toEqual([key, placeholders(english)]);
        }
    });

    it('fills placeholders and falls back to English for an unknown language', () => {
        expect(noteText('pt-BR', 'priority', { priority: 'alta' })).toBe('Prioridade: alta');
        expect(noteText('xx', 'priority', { priority: 'high' })).toBe('Priority: high');
    });
});
