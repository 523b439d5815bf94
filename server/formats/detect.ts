import { extname } from 'node:path';
import { PayloadTooLargeError, UnsupportedFileError } from '../lib/errors';
import type { SourceFormat } from './source';

const MB = 1024 * 1024;

/**
 * Upload limits by format. PDF and DOCX are containers whose bytes are mostly fonts and images (a 30-page
 * scanned-then-OCRed plan or a Word file with a few photos passes 10 MB easily), so they get 50 MB; a text
 * or a saved web page over 10 MB is not a policy document.
 */
export const MAX_BYTES: Record<SourceFormat, number> = {
  pdf: 50 * MB,
  docx: 50 * MB,
  html: 10 * MB,
  txt: 10 * MB,
};
/** The largest upload any format may have: what multer buffers before the format is known. */
export const MAX_UPLOAD_BYTES = Math.max(...Object.values(MAX_BYTES));

const EXTENSIONS: Record<string, SourceFormat> = {
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.html': 'html',
  '.htm': 'html',
  '.txt': 'txt',
};

/** Formats governments publish that Zhibiao cannot read, with what to do instead. */
const REFUSED: Record<string, { code: string; message: string }> = {
  '.doc': {
    code: 'DOC_NOT_SUPPORTED',
    message: 'Old Word files (.doc) cannot be read; save the document as .docx or PDF in Word or WPS and upload that.',
  },
  '.wps': {
    code: 'WPS_NOT_SUPPORTED',
    message: 'WPS files (.wps) cannot be read; in WPS choose “另存为” .docx or PDF and upload that.',
  },
  '.ofd': {
    code: 'OFD_NOT_SUPPORTED',
    message: 'OFD files cannot be read; export the document as PDF (with its text layer) or .docx and upload that.',
  },
};

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from('PK\x03\x04', 'latin1');

/** What the first bytes say the file is. */
function sniff(buf: Buffer): 'pdf' | 'zip' | 'ole2' | 'ofd' | 'other' {
  // The PDF header may follow some junk; readers accept it within the first 1024 bytes.
  if (buf.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  if (buf.subarray(0, 8).equals(OLE2)) return 'ole2';
  if (buf.subarray(0, 4).equals(ZIP)) {
    // An OFD is a zip whose root holds OFD.xml; its name stands in a local header near the start.
    return buf.subarray(0, 4096).includes('OFD.xml') ? 'ofd' : 'zip';
  }
  return 'other';
}

/**
 * The format of an upload, decided by its extension AND its first bytes: a `.pdf` that is not a PDF, or a
 * `.docx` that is an old binary Word file, is refused with a message saying what it really is. Sizes are
 * checked here too, per format, before any parsing.
 */
export function detectFormat(fileName: string, buf: Buffer): SourceFormat {
  const ext = extname(fileName).toLowerCase();
  const magic = sniff(buf);
  const refused = REFUSED[ext];
  if (refused) throw new UnsupportedFileError(refused.code, refused.message, { extension: ext });
  if (magic === 'ofd') throw new UnsupportedFileError(REFUSED['.ofd']!.code, REFUSED['.ofd']!.message);
  const format = EXTENSIONS[ext];
  if (!format) {
    throw new UnsupportedFileError(
      'UNSUPPORTED_FORMAT',
      `Files of type “${ext || '(no extension)'}” cannot be read; upload a .pdf, .docx, .html/.htm or .txt file.`,
      { extension: ext },
    );
  }
  if (magic === 'ole2') {
    const what = REFUSED['.doc']!;
    throw new UnsupportedFileError(what.code, `This ${ext} file is an old binary Word/WPS file. ${what.message}`);
  }
  if (buf.length > MAX_BYTES[format]) {
    throw new PayloadTooLargeError(
      `The file is ${(buf.length / MB).toFixed(1)} MB; the limit for ${format.toUpperCase()} is ${MAX_BYTES[format] / MB} MB.`,
    );
  }
  const expected = format === 'pdf' ? 'pdf' : format === 'docx' ? 'zip' : 'other';
  if (magic !== expected) {
    const code = format === 'pdf' ? 'PDF_CORRUPT' : format === 'docx' ? 'DOCX_CORRUPT' : 'FORMAT_MISMATCH';
    const seen =
      magic === 'pdf' ? 'a PDF' : magic === 'zip' ? 'a zip archive (.docx, .xlsx…)' : 'not a PDF or Word file';
    throw new UnsupportedFileError(
      code,
      `The file is named ${ext} but its content is ${seen}; upload the original file with its right extension.`,
      { extension: ext, content: magic },
    );
  }
  return format;
}
