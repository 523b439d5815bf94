import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../../server/extraction/index';
import { MAX_DOCX_XML_BYTES } from '../../../server/formats/docx';
import { readSource } from '../../../server/formats/index';
import { layoutPages } from '../../../server/formats/pdf';
import { getDocument } from '../../../server/formats/pdfjs';
import type { DocumentSource } from '../../../server/formats/source';
import type { AppError } from '../../../server/lib/errors';
import {
  closePrinter,
  encryptedPdf,
  htmlWithoutArticle,
  POLICY,
  policyDocx,
  policyHtml,
  policyLines,
  policyPdf,
  policyTxt,
  printPdf,
  scannedPdf,
  zipDocx,
} from '../../setup/documents';

/** What a figure says, leaving aside where it stands (line numbers and pages differ by format). */
function meaning(source: DocumentSource, file: string) {
  return extractDocument(source.lines.join('\n'), file)
    .records.map((r) => [r.kind, r.metric, r.value, r.unit, r.region, r.deadline].join('|'))
    .sort();
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected the file to be refused');
}

/** Every table cell's text stands in its line where its `col` says (so a quote is a substring of its line). */
function expectCellsInLines(source: DocumentSource) {
  for (const t of source.tables ?? []) {
    for (const row of t.rows) {
      for (const cell of row) {
        const line = source.lines[cell.line] ?? '';
        expect(line.slice(cell.col, cell.col + cell.text.length)).toBe(cell.text);
      }
    }
  }
}

const tableText = (s: DocumentSource) => s.tables?.map((t) => t.rows.map((r) => r.map((c) => c.text)));

let pdf: Buffer;
let txt: DocumentSource;

beforeAll(async () => {
  pdf = await policyPdf();
  txt = (await readSource('plan.txt', policyTxt())).source;
}, 120_000);
afterAll(closePrinter);

describe('the plain text every other format is compared with', () => {
  it('keeps its lines exactly and holds prose and table figures', () => {
    expect(txt.lines.slice(0, -1)).toEqual(policyLines());
    const records = meaning(txt, 'plan.txt');
    expect(records.length).toBeGreaterThanOrEqual(8);
    expect(records.some((r) => r.includes('|1500|亿元|'))).toBe(true);
    expect(records.some((r) => r.includes('|25|个|'))).toBe(true);
  });
});

describe('a PDF printed by Chromium', () => {
  it('rebuilds the lines by position: one line per sentence-paragraph, table rows with TAB-joined cells', async () => {
    const { source, encoding } = await readSource('plan.pdf', pdf);
    expect(encoding).toBe('PDF');
    expect(source.format).toBe('pdf');
    expect(source.lines).toEqual(policyLines());
  });

  it('joins the goals paragraph that the layout broke across lines and across the page', async () => {
    const { source } = await readSource('plan.pdf', pdf);
    const goals = POLICY.goals.paragraphs[0] as string;
    // The printed PDF really does break it: its start is on page 1, its end on page 2.
    const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
    const pageText = async (n: number) =>
      (await (await doc.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    expect(await pageText(1)).toContain(goals.slice(0, 12));
    expect(await pageText(2)).toContain('普及率达到75%');
    await doc.destroy();
    const at = source.lines.indexOf(goals);
    expect(at).toBeGreaterThan(0);
    expect(source.pages?.[at]).toBe(1);
  });

  it('drops the running header and the page numbers, and gives each line its page', async () => {
    const { source } = await readSource('plan.pdf', pdf);
    expect(source.lines.join('\n')).not.toContain('合肥市人民政府办公室文件');
    expect(source.lines.some((l) => /^[—-]\s*\d+\s*[—-]$/.test(l))).toBe(false);
    expect(source.pages).toHaveLength(source.lines.length);
    expect(source.pages?.[0]).toBe(1);
    expect(source.pages?.[source.lines.length - 1]).toBe(2);
  });

  it('keeps full-width digits as written', async () => {
    const { source } = await readSource('plan.pdf', pdf);
    expect(source.lines.join('\n')).toContain('达到１５００亿元');
  });

  it('recognises the 主要指标 table from aligned text as rows × cells', async () => {
    const { source } = await readSource('plan.pdf', pdf);
    expect(tableText(source)).toEqual([POLICY.table.rows]);
    expectCellsInLines(source);
  });

  it('gives the same figures as the same policy in a .txt', async () => {
    const { source } = await readSource('plan.pdf', pdf);
    expect(meaning(source, 'plan.pdf')).toEqual(meaning(txt, 'plan.txt'));
  });

  it('continues a table across a page break and drops its repeated header row', () => {
    const row = (page: number, y: number, cells: [string, number, number][]) => ({
      page,
      y,
      size: 10,
      x0: cells[0]?.[1] ?? 0,
      x1: cells[cells.length - 1]?.[2] ?? 0,
      cells: cells.map(([text, x0, x1]) => ({ text, x0, x1 })),
      text: cells.map((c) => c[0]).join(' '),
    });
    const tableRow = (page: number, y: number, a: string, b: string, c: string) =>
      row(page, y, [
        [a, 70, 200],
        [b, 260, 300],
        [c, 360, 400],
      ]);
    const source = layoutPages([
      {
        number: 1,
        height: 842,
        rows: [
          row(1, 700, [['主要指标', 70, 110]]),
          tableRow(1, 680, '指标', '2023年', '2026年'),
          tableRow(1, 660, '甲（个）', '1', '2'),
          tableRow(1, 640, '乙（个）', '3', '4'),
          row(1, 30, [['-1-', 290, 305]]),
        ],
      },
      {
        number: 2,
        height: 842,
        rows: [
          tableRow(2, 800, '指标', '2023年', '2026年'),
          tableRow(2, 780, '丙（个）', '5', '6'),
          tableRow(2, 760, '丁（个）', '7', '8'),
          row(2, 30, [['-2-', 290, 305]]),
        ],
      },
    ]);
    expect(source.lines).toEqual([
      '主要指标',
      '指标\t2023年\t2026年',
      '甲（个）\t1\t2',
      '乙（个）\t3\t4',
      '丙（个）\t5\t6',
      '丁（个）\t7\t8',
    ]);
    expect(source.pages).toEqual([1, 1, 1, 1, 2, 2]);
    expect(source.tables).toHaveLength(1);
    expectCellsInLines(source);
  });

  it('refuses a scan without a text layer, saying OCR is not supported', async () => {
    const err = await refusal(readSource('scan.pdf', scannedPdf()));
    expect([err.status, err.code]).toEqual([422, 'PDF_NO_TEXT']);
    expect(err.message).toMatch(/no text layer.*OCR/);
  });

  it('refuses a password-protected PDF and a damaged one', async () => {
    const locked = await refusal(readSource('locked.pdf', encryptedPdf()));
    expect([locked.status, locked.code]).toEqual([422, 'PDF_ENCRYPTED']);
    const cut = await refusal(readSource('cut.pdf', pdf.subarray(0, Math.floor(pdf.length / 2))));
    expect([cut.status, cut.code]).toEqual([422, 'PDF_CORRUPT']);
  });

  it('leaves the built-ins pdfjs’s polyfills replace native for the rest of the server, after reading a PDF', async () => {
    await readSource('plan.pdf', pdf);
    // Another realm's Function#toString tells a built-in ([native code]) from a polyfill, whatever ours says.
    const sourceOf = runInNewContext('Function.prototype.toString') as (this: unknown) => string;
    const builtIns = { 'JSON.stringify': JSON.stringify, 'JSON.parse': JSON.parse, 'Array#push': Array.prototype.push };
    for (const [name, fn] of Object.entries({ ...builtIns, 'Function#toString': Function.prototype.toString })) {
      expect(sourceOf.call(fn), name).toContain('[native code]');
    }
  });

  it('drops “-3-” page numbers and a repeated header, but not list items that repeat at the foot of each page', async () => {
    const items = Array.from({ length: 60 }, (_, i) => `第${i + 1}条　到2025年，指标${i + 1}达到${i + 1}个。`);
    const body = items.map((t) => `<p>${t}</p>`).join('');
    const three = await printPdf(`<!doctype html><meta charset="utf-8"><body style="font-size:16pt">${body}</body>`, {
      header: '某某县人民政府公报',
      pageNumber: 'hyphen',
    });
    const { source } = await readSource('long.pdf', three);
    expect(new Set(source.pages).size).toBeGreaterThanOrEqual(3);
    // The full-width space after 第N条 is kept and is no cell border: these lines are no table.
    expect(source.lines).toEqual(items);
    expect(source.tables).toBeUndefined();
  });
});

describe('a DOCX built from its XML', () => {
  it('reads paragraphs, the numbered list with its number text and the table, and drops deleted text', async () => {
    const { source, encoding } = await readSource('plan.docx', await policyDocx());
    expect(encoding).toBe('DOCX');
    expect(source.lines).toEqual(policyLines());
    expect(source.lines).toContain(`（二）${POLICY.tasks.items[1]}`);
    expect(source.lines.join('\n')).not.toContain('已删除');
    expect(tableText(source)).toEqual([POLICY.table.rows]);
    expectCellsInLines(source);
  });

  it('gives the same figures as the same policy in a .txt', async () => {
    const { source } = await readSource('plan.docx', await policyDocx());
    expect(meaning(source, 'plan.docx')).toEqual(meaning(txt, 'plan.txt'));
  });

  it('keeps merged cells in their grid column', async () => {
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const p = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
    const tc = (t: string, pr = '') => `<w:tc>${pr ? `<w:tcPr>${pr}</w:tcPr>` : ''}${p(t)}</w:tc>`;
    const xml = `<w:document xmlns:w="${W}"><w:body><w:tbl>
<w:tr>${tc('指标')}${tc('目标值', '<w:gridSpan w:val="2"/>')}</w:tr>
<w:tr>${tc('', '<w:vMerge w:val="restart"/>')}${tc('2025年')}${tc('2026年')}</w:tr>
<w:tr>${tc('5G基站（个）')}${tc('100')}${tc('200')}</w:tr>
</w:tbl></w:body></w:document>`;
    const { source } = await readSource('m.docx', await zipDocx(xml));
    expect(source.lines).toEqual(['指标\t目标值\t', '\t2025年\t2026年', '5G基站（个）\t100\t200']);
  });

  it('refuses a zip bomb whose XML inflates past the limit, without inflating it all', async () => {
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const filler = ' '.repeat(MAX_DOCX_XML_BYTES + 1024);
    const bomb = await zipDocx(`<w:document xmlns:w="${W}"><w:body>${filler}</w:body></w:document>`);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const err = await refusal(readSource('bomb.docx', bomb));
    expect([err.status, err.code]).toEqual([422, 'DOCX_TOO_LARGE']);
  });

  it('refuses a damaged DOCX and a zip that is not a Word document', async () => {
    const docx = await policyDocx();
    const cut = await refusal(readSource('cut.docx', docx.subarray(0, Math.floor(docx.length / 2))));
    expect([cut.status, cut.code]).toEqual([422, 'DOCX_CORRUPT']);
    const JSZip = (await import('jszip')).default;
    const other = await new JSZip().file('xl/workbook.xml', '<workbook/>').generateAsync({ type: 'nodebuffer' });
    const notWord = await refusal(readSource('sheet.docx', other));
    expect([notWord.status, notWord.code]).toEqual([422, 'DOCX_CORRUPT']);
  });
});

describe('a web page saved from a government site', () => {
  it('reads the article body and its table, without navigation, header, footer, widgets or scripts', async () => {
    const { source } = await readSource('plan.html', policyHtml());
    expect(source.format).toBe('html');
    expect(source.lines).toEqual(policyLines());
    const all = source.lines.join('\n');
    for (const noise of ['首页', '当前位置', '分享到', '打印本页', '版权所有', '相关文章', '统计代码', '发布时间'])
      expect(all).not.toContain(noise);
    expect(tableText(source)).toEqual([POLICY.table.rows]);
    expectCellsInLines(source);
  });

  it('gives the same figures as the same policy in a .txt', async () => {
    const { source } = await readSource('plan.htm', policyHtml());
    expect(meaning(source, 'plan.htm')).toEqual(meaning(txt, 'plan.txt'));
  });

  it('decodes a page declared as GBK', async () => {
    const iconv = (await import('iconv-lite')).default;
    const html = policyHtml().toString('utf8').replace('charset="utf-8"', 'charset="gb2312"');
    const { source, encoding } = await readSource('gbk.html', iconv.encode(html, 'gbk'));
    expect(encoding).toBe('GB18030');
    expect(source.lines).toEqual(policyLines());
  });

  it('refuses a page with no article', async () => {
    const err = await refusal(readSource('list.html', htmlWithoutArticle()));
    expect([err.status, err.code]).toEqual([422, 'HTML_NO_ARTICLE']);
  });
});

describe('the format of an upload', () => {
  it('refuses .doc, .wps and .ofd with what to do instead', async () => {
    const ole2 = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]);
    for (const [name, code] of [
      ['old.doc', 'DOC_NOT_SUPPORTED'],
      ['old.wps', 'WPS_NOT_SUPPORTED'],
      ['new.ofd', 'OFD_NOT_SUPPORTED'],
    ]) {
      const err = await refusal(readSource(name as string, ole2));
      expect([err.status, err.code]).toEqual([415, code]);
      expect(err.message).toMatch(/\.docx|PDF/);
    }
  });

  it('believes the content over the extension: an old Word file named .docx, a text named .pdf', async () => {
    const ole2 = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]);
    expect((await refusal(readSource('renamed.docx', ole2))).code).toBe('DOC_NOT_SUPPORTED');
    const notPdf = await refusal(readSource('plan.pdf', policyTxt()));
    expect([notPdf.status, notPdf.code]).toEqual([415, 'PDF_CORRUPT']);
    const pdfAsTxt = await refusal(readSource('plan.txt', pdf));
    expect(pdfAsTxt.code).toBe('FORMAT_MISMATCH');
  });

  it('refuses unknown extensions and files over the limit of their format', async () => {
    expect((await refusal(readSource('data.xlsx', Buffer.from('PK\x03\x04')))).code).toBe('UNSUPPORTED_FORMAT');
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(50 * 1024 * 1024)]);
    const err = await refusal(readSource('big.pdf', big));
    expect([err.status, err.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(err.message).toMatch(/limit for PDF is 50 MB/);
  });
});
