// The workbench's languages: a typed message catalogue per language (zh.ts is the reference; en.ts must have
// every key), the vocabulary labels the server ships (src/registry/vocabulary.ts), and the server's own
// bilingual error messages. Components call useI18n().t('key'), never write Chinese or English inline.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import type { Locale } from '../api/auth';
import { zh, type MessageKey } from './zh';
import { en } from './en';

export type { Locale, MessageKey };
export const LOCALES: Locale[] = ['zh-CN', 'en'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zh, en };

export type MessageParams = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = CATALOGUES[locale][key] ?? CATALOGUES[DEFAULT_LOCALE][key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export interface Bilingual {
  zh: string;
  en: string;
}

/** A label from one of the server's vocabularies; unknown codes show as they are. */
export function labelIn<K extends string>(locale: Locale, labels: Record<K, Bilingual>, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '';
  const l = (labels as Record<string, Bilingual>)[code];
  return l ? (locale === 'en' ? l.en : l.zh) : code;
}

/** The text of any error in the caller's language: the server's own message for ApiErrors. */
export function errorTextIn(locale: Locale, error: unknown): string {
  if (error instanceof ApiError) return locale === 'en' ? error.messageEn : error.messageZh;
  return translate(locale, 'error.unexpected');
}

export interface I18n {
  locale: Locale;
  t: (key: MessageKey, params?: MessageParams) => string;
  label: <K extends string>(labels: Record<K, Bilingual>, code: string | null | undefined) => string;
  /** A message that comes in both languages (server errors, rule errors). */
  pick: (zhText: string, enText: string) => string;
  errorText: (error: unknown) => string;
}

export function makeI18n(locale: Locale): I18n {
  return {
    locale,
    t: (key, params) => translate(locale, key, params),
    label: (labels, code) => labelIn(locale, labels, code),
    pick: (zhText, enText) => (locale === 'en' ? enText : zhText),
    errorText: (error) => errorTextIn(locale, error),
  };
}

const I18nContext = createContext<I18n>(makeI18n(DEFAULT_LOCALE));

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => makeI18n(locale), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** Each language's name in itself, for the language switch. */
export const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };
