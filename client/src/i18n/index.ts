import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Locale } from '../../../shared/format';
import { en } from './en';
import { zh } from './zh';

const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('zhibiao.lang') : null;

void i18n.use(initReactI18next).init({
  resources: { zh: { translation: zh }, en: { translation: en } },
  lng: saved === 'en' ? 'en' : 'zh',
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
  showSupportNotice: false,
});

export function setLanguage(lng: Locale) {
  localStorage.setItem('zhibiao.lang', lng);
  document.documentElement.lang = lng === 'zh' ? 'zh-CN' : 'en';
  void i18n.changeLanguage(lng);
}

/** The translation function and the current locale for number formatting. */
export function useLocale() {
  const { t, i18n: inst } = useTranslation();
  const locale: Locale = inst.language === 'en' ? 'en' : 'zh';
  return { t, locale };
}

export { i18n };
