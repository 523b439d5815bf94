import chardet from 'chardet';
import iconv from 'iconv-lite';
import { PayloadTooLargeError, UnsupportedFileError } from './errors';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export interface DecodedText {
  text: string;
  /** `UTF-8`, `UTF-8 with BOM`, `GB18030` … as detected. */
  encoding: string;
}

/** Encodings a Chinese policy text plausibly comes in, as chardet names them → iconv-lite's name. */
const ACCEPTED: Record<string, string> = {
  GB18030: 'gb18030',
  Big5: 'big5',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
};

/**
 * Decodes an uploaded policy text. UTF-8 (with or without BOM) is recognised exactly, by strict
 * decoding; anything else is identified by chardet's statistical detector and decoded by iconv-lite
 * (GBK and GB2312 are subsets of GB18030, which chardet reports for all three).
 * Empty, binary, oversized and undetectable input is refused with a message saying why.
 */
export function decodeText(buf: Buffer): DecodedText {
  if (buf.length === 0) throw new UnsupportedFileError('EMPTY_FILE', 'The file is empty.');
  if (buf.length > MAX_DOCUMENT_BYTES) {
    throw new PayloadTooLargeError(`The file is ${(buf.length / 1048576).toFixed(1)} MB; the limit is 10 MB.`);
  }
  const hasBom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  // A UTF-16 byte order mark names the encoding exactly (Notepad's "Unicode" is UTF-16LE with one); left to
  // chardet, UTF-16LE Chinese was taken for GB18030 and stored as garbage full of NULs.
  const utf16 =
    buf[0] === 0xff && buf[1] === 0xfe ? 'UTF-16LE' : buf[0] === 0xfe && buf[1] === 0xff ? 'UTF-16BE' : null;
  if (utf16) return decodeUtf16(buf, utf16);
  if (looksBinary(buf)) {
    throw new UnsupportedFileError('BINARY_FILE', 'The file is binary, not a text document (.txt).');
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
    return { text, encoding: hasBom ? 'UTF-8 with BOM' : 'UTF-8' };
  } catch {
    // Not UTF-8: fall through to detection.
  }
  const guesses = chardet.analyse(buf);
  // Short GBK texts often score slightly higher as Big5; mainland policy texts are simplified
  // Chinese, so GB18030 wins whenever the detector names it as a candidate at all.
  const candidates = guesses.filter((g) => ACCEPTED[g.name] && g.confidence >= 10);
  const best = candidates.find((g) => g.name === 'GB18030') ?? candidates[0];
  const iconvName = best ? ACCEPTED[best.name] : undefined;
  if (!best || !iconvName) {
    throw new UnsupportedFileError(
      'UNDETECTABLE_ENCODING',
      'The text encoding could not be recognised; save the file as UTF-8 or GB18030 (GBK) and upload it again.',
      { detected: guesses.slice(0, 3).map((g) => ({ encoding: g.name, confidence: g.confidence })) },
    );
  }
  const text = iconv.decode(buf, iconvName).replace(/^\uFEFF/, '');
  const bad = (text.match(/\uFFFD/g) ?? []).length;
  if (bad > Math.max(3, text.length / 1000)) {
    throw new UnsupportedFileError(
      'UNDETECTABLE_ENCODING',
      `The file does not decode cleanly as ${best.name}; save it as UTF-8 and upload it again.`,
    );
  }
  return { text, encoding: best.name };
}

/** UTF-16 text after its BOM, decoded strictly: an odd length or a lone surrogate means it is not UTF-16. */
function decodeUtf16(buf: Buffer, encoding: 'UTF-16LE' | 'UTF-16BE'): DecodedText {
  try {
    const text = new TextDecoder(encoding.toLowerCase(), { fatal: true, ignoreBOM: false }).decode(buf);
    return { text, encoding };
  } catch {
    throw new UnsupportedFileError(
      'UNDETECTABLE_ENCODING',
      `The file starts like ${encoding} text but does not decode as it; save it as UTF-8 and upload it again.`,
    );
  }
}

/** A text file has no NUL bytes and few control characters other than tab, CR, LF and form feed. */
function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i] ?? 0;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control > n * 0.05;
}
