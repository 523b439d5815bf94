/**
 * Policy documents in every upload format, built by the tests themselves (never downloaded): one policy text
 * written out as .txt, as a DOCX (its XML zipped with JSZip), as a government web page, and as a PDF printed
 * by Chromium with a running header and page numbers.
 */
import JSZip from 'jszip';
import { type Browser, chromium } from 'playwright-core';

export interface Policy {
  title: string;
  /** Paragraphs before the numbered list. */
  intro: string[];
  /** Headed sections: a heading, then paragraphs. */
  goals: { heading: string; paragraphs: string[] };
  /** Numbered items (the number text is （一）（二）…, written by Word's numbering in the DOCX). */
  tasks: { heading: string; items: string[] };
  table: { caption: string; rows: string[][] };
}

/** A city plan with prose figures (full-width digits among them), numbered tasks and a 主要指标 table. */
export const POLICY: Policy = {
  title: '合肥市数字经济发展行动方案（2024—2026年）',
  intro: ['为深入实施数字经济发展战略，加快建设数字合肥，推动数字经济和实体经济深度融合，结合我市实际，制定本方案。'],
  goals: {
    heading: '一、总体目标',
    paragraphs: [
      '到2026年，全市数字经济核心产业增加值达到１５００亿元，数字经济发展水平进入全国第一方阵，数字产业化和产业数字化协同推进，' +
        '数字基础设施支撑能力、数字技术创新能力、数字治理能力和数字服务能力全面提升，规模以上工业企业关键工序数控化率达到70%，' +
        '形成一批具有全国影响力的数字产业集群和应用场景，数字经济成为全市高质量发展的主引擎，全市软件和信息技术服务业营业收入达到800亿元，' +
        '农村互联网普及率达到75%。',
    ],
  },
  tasks: {
    heading: '二、重点任务',
    items: [
      '建设数字基础设施。到2025年，累计建成5G基站3万个，新建数据中心标准机架5000个。',
      '培育数字产业集群。力争到2026年，培育国家级专精特新“小巨人”企业50家。',
      '推进产业数字化转型。到2026年，新增上云企业10000家。',
    ],
  },
  table: {
    caption: '主要指标',
    rows: [
      ['指标名称', '2023年基数', '2026年目标'],
      ['数字经济核心产业增加值（亿元）', '1200', '1500'],
      ['5G基站数（万个）', '1.2', '3'],
      ['工业互联网平台（个）', '10', '25'],
    ],
  },
};

const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The policy as the lines a reader of any format should give (a table row's cells joined by TAB). */
export function policyLines(p: Policy = POLICY): string[] {
  return [
    p.title,
    ...p.intro,
    p.goals.heading,
    ...p.goals.paragraphs,
    p.tasks.heading,
    ...p.tasks.items.map((t, i) => `（${CHINESE_NUMBERS[i]}）${t}`),
    p.table.caption,
    ...p.table.rows.map((r) => r.join('\t')),
  ];
}

export function policyTxt(p: Policy = POLICY): Buffer {
  return Buffer.from(`${policyLines(p).join('\n')}\n`, 'utf8');
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function tableHtml(rows: string[][]): string {
  const [head = [], ...body] = rows;
  return `<table border="1"><thead><tr>${head.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${body
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** A page as saved from a government site: header, nav, breadcrumb, share widget, the article, a footer. */
export function policyHtml(p: Policy = POLICY): Buffer {
  const html = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(p.title)}_合肥市人民政府</title>
<meta name="ArticleTitle" content="${esc(p.title)}">
<script>var _hmt = _hmt || []; document.write('统计代码 2025年 访问量 100000 次');</script>
<style>.nav a { margin: 0 1em }</style></head>
<body>
<div class="header"><img src="logo.png" alt="合肥市人民政府"><div class="search"><input name="q">搜索</div></div>
<nav class="nav"><a href="/">首页</a><a href="/zwgk">政务公开</a><a href="/hdjl">互动交流</a><a href="/bs">办事服务</a></nav>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 政策文件</div>
<div class="article">
  <h1>${esc(p.title)}</h1>
  <div class="info">发布时间：2024-03-01 来源：市政府办公室 字号：<a>大</a> <a>中</a> <a>小</a></div>
  <div class="TRS_Editor">
    ${p.intro.map((t) => `<p style="text-indent:2em">${esc(t)}</p>`).join('\n    ')}
    <p><strong>${esc(p.goals.heading)}</strong></p>
    ${p.goals.paragraphs.map((t) => `<p style="text-indent:2em">${esc(t)}</p>`).join('\n    ')}
    <p><strong>${esc(p.tasks.heading)}</strong></p>
    ${p.tasks.items.map((t, i) => `<p>（${CHINESE_NUMBERS[i]}）${esc(t)}</p>`).join('\n    ')}
    <p style="text-align:center">${esc(p.table.caption)}</p>
    ${tableHtml(p.table.rows)}
  </div>
  <div class="bdsharebuttonbox">分享到：<a class="bds_weixin">微信</a><a class="bds_tsina">微博</a></div>
  <div class="print-close"><a>【打印本页】</a><a>【关闭窗口】</a></div>
</div>
<div class="related"><h3>相关文章</h3><ul><li>关于2025年新建5G基站1万个的通知</li></ul></div>
<footer><p>主办：合肥市人民政府办公室 版权所有 网站标识码3401000001 皖ICP备05003939号</p></footer>
</body></html>`;
  return Buffer.from(html, 'utf8');
}

/** The same page without an article: only navigation, a list of links and a footer. */
export function htmlWithoutArticle(): Buffer {
  return Buffer.from(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>政务公开</title></head><body>
<nav><a href="/">首页</a><a href="/zwgk">政务公开</a></nav>
<ul class="list"><li><a href="/1">通知一</a></li><li><a href="/2">通知二</a></li></ul>
<footer>版权所有 合肥市人民政府</footer></body></html>`,
    'utf8',
  );
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

const run = (text: string) => `<w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
/** Splits text over several runs, as Word does where formatting or spell-checking changes. */
const runs = (text: string) => {
  const cut = Math.floor(text.length / 3);
  return cut > 0 ? [text.slice(0, cut), text.slice(cut, 2 * cut), text.slice(2 * cut)].map(run).join('') : run(text);
};
const para = (text: string, pPr = '') => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${runs(text)}</w:p>`;

/** Zips the given parts into a .docx with the content types and relationships Word needs. */
export async function zipDocx(documentXml: string, numberingXml?: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
${numberingXml ? '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>' : ''}
</Types>`,
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`,
  );
  zip.file(
    'word/_rels/document.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
${numberingXml ? '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>' : ''}
</Relationships>`,
  );
  zip.file('word/document.xml', documentXml);
  if (numberingXml) zip.file('word/numbering.xml', numberingXml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The policy as a Word document: paragraphs, a heading, a list numbered （一）（二） by Word, a table. */
export async function policyDocx(p: Policy = POLICY): Promise<Buffer> {
  const numbering = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="${W}">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%1）"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>`;
  const cell = (text: string) => `<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>${para(text)}</w:tc>`;
  const table = `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>${p.table.rows
    .map((r) => `<w:tr>${r.map(cell).join('')}</w:tr>`)
    .join('')}</w:tbl>`;
  const body = [
    para(p.title, '<w:pStyle w:val="Title"/><w:jc w:val="center"/>'),
    ...p.intro.map((t) => para(t)),
    para(p.goals.heading, '<w:pStyle w:val="Heading1"/>'),
    ...p.goals.paragraphs.map((t) => para(t)),
    para(p.tasks.heading, '<w:pStyle w:val="Heading1"/>'),
    ...p.tasks.items.map((t) => para(t, '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')),
    para(p.table.caption, '<w:jc w:val="center"/>'),
    table,
    // Deleted text and a field code are not part of what the document says.
    `<w:p><w:del w:id="1" w:author="a"><w:r><w:delText>已删除：到2030年达到999个。</w:delText></w:r></w:del></w:p>`,
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>',
  ].join('');
  return zipDocx(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`,
    numbering,
  );
}

/** Debian's Chromium, as the browser tests use (CHROMIUM_PATH overrides). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let browser: Browser | null = null;

async function theBrowser(): Promise<Browser> {
  browser ??= await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  return browser;
}

/** Closes the Chromium that printed the PDFs (call in afterAll). */
export async function closePrinter(): Promise<void> {
  await browser?.close();
  browser = null;
}

export interface PrintOptions {
  /** Running header printed at the top of every page. */
  header?: string;
  /** Page number style in the footer: `— 3 —` or `-3-`. */
  pageNumber?: 'dash' | 'hyphen';
}

/** Prints an HTML page to an A4 PDF with Chromium, with a running header and a page number footer. */
export async function printPdf(html: string, opts: PrintOptions = {}): Promise<Buffer> {
  const page = await (await theBrowser()).newPage();
  try {
    await page.setContent(html, { waitUntil: 'load' });
    const number =
      opts.pageNumber === 'hyphen' ? '-<span class="pageNumber"></span>-' : '— <span class="pageNumber"></span> —';
    return await page.pdf({
      format: 'A4',
      displayHeaderFooter: true,
      headerTemplate: `<div style="font-size:9pt;width:100%;text-align:center">${esc(opts.header ?? '')}</div>`,
      footerTemplate: `<div style="font-size:9pt;width:100%;text-align:center">${number}</div>`,
      margin: { top: '25mm', bottom: '25mm', left: '26mm', right: '26mm' },
    });
  } finally {
    await page.close();
  }
}

const PDF_STYLE = `body{font-family:"Noto Serif CJK SC","Noto Sans CJK SC",serif;font-size:15pt;margin:0}
p{text-indent:2em;margin:0;line-height:1.7} h1{font-size:20pt;text-align:center;margin:0 0 12pt}
h2{font-size:15pt;margin:0;font-family:"Noto Sans CJK SC",sans-serif;font-weight:normal}
.caption{text-align:center;text-indent:0;margin-top:12pt}
table{border-collapse:collapse;margin:6pt auto} td,th{border:1px solid #000;padding:3pt 10pt;font-weight:normal}`;

/**
 * The policy as a two-page PDF: the goals paragraph is pushed down (by margin, not text) so that it breaks
 * across the page; the tasks and the 主要指标 table stand on page 2.
 */
export async function policyPdf(p: Policy = POLICY): Promise<Buffer> {
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>${PDF_STYLE}</style></head><body>
<h1>${esc(p.title)}</h1>
${p.intro.map((t) => `<p>${esc(t)}</p>`).join('')}
<h2>${esc(p.goals.heading)}</h2>
${p.goals.paragraphs.map((t) => `<p style="margin-top:150mm">${esc(t)}</p>`).join('')}
<h2>${esc(p.tasks.heading)}</h2>
${p.tasks.items.map((t, i) => `<p>（${CHINESE_NUMBERS[i]}）${esc(t)}</p>`).join('')}
<p class="caption">${esc(p.table.caption)}</p>
${tableHtml(p.table.rows)}
</body></html>`;
  return printPdf(html, { header: '合肥市人民政府办公室文件', pageNumber: 'dash' });
}

/**
 * A long plan of `pages` pages for the bench and the memory check: `sections` repeats of prose with figures
 * and an indicator table each.
 */
export function longPlanHtml(sections: number): string {
  const parts: string[] = [`<h1>某省数字经济发展规划汇编</h1>`];
  for (let s = 1; s <= sections; s++) {
    parts.push(`<h2>第${s}部分 重点领域${s}</h2>`);
    parts.push(
      `<p>到2025年，第${s}片区数字经济核心产业增加值达到${100 + s}亿元，年均增长${(s % 9) + 5}%以上，新建5G基站${s * 10}个，` +
        '持续推进数字基础设施建设，加快产业数字化转型，完善数据要素市场体系，提升数字政府服务效能，' +
        `力争到2026年，培育数字化转型示范企业${s + 20}家，农村互联网普及率达到${60 + (s % 30)}%。</p>`,
    );
    parts.push(
      `<p>${'围绕重点产业链推进智能化改造和数字化转型，推动工业互联网平台规模化应用，'.repeat(3)}新增上云企业${s * 100}家。</p>`,
    );
    parts.push(
      tableHtml([
        ['指标名称', '2023年基数', '2026年目标'],
        [`片区${s}软件业务收入（亿元）`, String(10 + s), String(20 + s)],
        [`片区${s}数据中心机架（个）`, String(100 * s), String(150 * s)],
        [`片区${s}工业互联网平台（个）`, String(s), String(2 * s)],
      ]),
    );
  }
  return `<!doctype html><html><head><meta charset="utf-8"><style>${PDF_STYLE}</style></head><body>${parts.join('\n')}</body></html>`;
}

/** Assembles a PDF from object bodies (object n is `objects[n - 1]`), with a correct cross-reference table. */
export function assemblePdf(objects: string[], trailer = ''): Buffer {
  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * A PDF that needs a user password to open: the standard security handler (RC4, revision 2) with an owner and
 * user key that the empty password does not match.
 */
export function encryptedPdf(): Buffer {
  const key = (c: string) => `<${c.repeat(64)}>`;
  return assemblePdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
      '<< /Length 8 >>\nstream\n\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\nendstream',
      `<< /Filter /Standard /V 1 /R 2 /O ${key('a')} /U ${key('b')} /P -44 >>`,
    ],
    `/Encrypt 5 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]`,
  );
}

/** A one-page PDF whose page is only a picture (a scan): no text layer at all. */
export function scannedPdf(): Buffer {
  const pixels = 'ff'.repeat(64 * 64);
  return assemblePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>',
    '<< /Length 35 >>\nstream\nq 500 0 0 700 40 70 cm /Im1 Do Q\nendstream',
    `<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /ASCIIHexDecode /Length ${pixels.length + 1} >>\nstream\n${pixels}>\nendstream`,
  ]);
}
