import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;

const syllables = (name: string, pattern: 'pinyin' | 'first'): string[] =>
  pinyin(name, { pattern, toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .map((s) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ''))
    .filter(Boolean);

/**
 * What a Chinese name can be found by besides itself: its pinyin without tones, syllables run
 * together ("zhongguoyidongwulumuqifengongsi"), and its initials ("zgydwlmqfgs"). ü is written both
 * as v (as typed on a pinyin keyboard) and as u. Empty for a name without Chinese characters.
 */
export function pinyinKey(name: string): string {
  if (!HAN.test(name)) return '';
  const full = syllables(name, 'pinyin').join('');
  const initials = syllables(name, 'first').join('');
  const forms = new Set([full.replace(/ü/g, 'v'), full.replace(/ü/g, 'u'), initials.replace(/ü/g, 'v'), initials.replace(/ü/g, 'u')]);
  return [...forms].join(' ');
}

/** The labels whose records carry a search key (`_pinyin`, and `_pinyinOf`: the name it was made from). */
export type KeyedLabel = 'Customer' | 'Contact' | 'Engineer';
export const KEYED_LABELS: readonly KeyedLabel[] = ['Customer', 'Contact', 'Engineer'];

/** A search text as it is compared with a pinyin key: lower case, without spaces or apostrophes. */
export const compactSearchText = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[\s'’-]+/g, '')
    .replace(/ü/g, 'v');
