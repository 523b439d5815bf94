/**
 * Full-width forms that matter to numbers and units, mapped one to one (so offsets are unchanged): digits,
 * Latin letters, ％．＋－／～, and the ideographic and no-break spaces. Chinese punctuation (，。：；（）) is
 * kept: it separates clauses and must not merge numbers.
 */
export function toHalfWidth(text: string): string {
  return text.replace(WIDE_FORMS, (ch) => String.fromCharCode(halfWidthCode(ch.charCodeAt(0))));
}

const WIDE_FORMS = /[\uFF01-\uFF5E\u3000\u00A0]/g;

/** The half-width code of one UTF-16 code unit; unchanged when it has none this product uses. */
export function halfWidthCode(code: number): number {
  if (code >= 0xff10 && code <= 0xff19) return code - 0xfee0; // digits
  if ((code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a)) return code - 0xfee0; // letters
  switch (code) {
    case 0xff05: // ％
    case 0xff0e: // ．
    case 0xff0b: // ＋
    case 0xff0d: // －
    case 0xff0f: // ／
    case 0xff5e: // ～
      return code - 0xfee0;
    case 0x3000:
    case 0x00a0:
      return 0x20;
    default:
      return code;
  }
}
