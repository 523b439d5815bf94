/**
 * Every upload format into the one shape the engine reads (see source.ts). The format is decided by the file's
 * extension and its first bytes together (detect.ts); each adapter refuses what it cannot read with a 4xx
 * saying what to do.
 */
import { decodeText } from '../lib/encoding';
import { UnsupportedFileError } from '../lib/errors';
import { detectFormat } from './detect';
import { readDocx } from './docx';
import { readHtml } from './html';
import { readPdf } from './pdf';
import type { DocumentSource, SourceFormat } from './source';

export { MAX_BYTES, MAX_UPLOAD_BYTES } from './detect';
export type { DocumentSource, ExtractionOptions, SourceFormat } from './source';

export interface ReadSource {
  source: DocumentSource;
  /** What is shown as the document's encoding: the text encoding for .txt/.html, else the format. */
  encoding: string;
  /** Content-Type of the original file when it is downloaded. */
  mediaType: string;
}

export const MEDIA_TYPES: Record<SourceFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html',
  txt: 'text/plain',
};

function charsetOf(encoding: string): string {
  return encoding.startsWith('UTF-8') ? 'utf-8' : encoding.toLowerCase();
}

/** Reads an uploaded file of any accepted format into lines, tables and pages. */
export async function readSource(fileName: string, bytes: Buffer): Promise<ReadSource> {
  if (bytes.length === 0) throw new UnsupportedFileError('EMPTY_FILE', 'The file is empty.');
  const format = detectFormat(fileName, bytes);
  switch (format) {
    case 'pdf':
      return { source: await readPdf(bytes), encoding: 'PDF', mediaType: MEDIA_TYPES.pdf };
    case 'docx':
      return { source: await readDocx(bytes), encoding: 'DOCX', mediaType: MEDIA_TYPES.docx };
    case 'html': {
      const { encoding, ...source } = readHtml(bytes);
      return { source, encoding, mediaType: `${MEDIA_TYPES.html}; charset=${charsetOf(encoding)}` };
    }
    case 'txt':
      return readTextSource(bytes);
  }
}

/** A plain text: its lines exactly as written (blank lines included), so line numbers are the file's own. */
export function readTextSource(bytes: Buffer): ReadSource {
  const { text, encoding } = decodeText(bytes);
  return {
    source: { lines: text.split('\n'), format: 'txt' },
    encoding,
    mediaType: `${MEDIA_TYPES.txt}; charset=${charsetOf(encoding)}`,
  };
}
