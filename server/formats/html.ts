/**
 * HTML → DocumentSource: the article body of a page saved from a government site, parsed with cheerio.
 *
 * The body is the first of the containers 政府网站 templates use (TRS's .TRS_Editor, #zoom, #UCAP-CONTENT,
 * .article, .content …) that holds real text, else the element with the most paragraph text (the largest text
 * block). Dropped: scripts and styles, navigation, page header and footer, sidebars, share widgets, breadcrumbs,
 * forms, comments, print/close links, QR codes. Kept: the title (meta ArticleTitle, else the <h1>, else
 * <title>) as the first line, each block element as a line (a <br> breaks one), tables as rows × cells.
 */
import { type CheerioAPI, load } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import iconv from 'iconv-lite';
import { decodeText } from '../lib/encoding';
import { UnprocessableFileError } from '../lib/errors';
import { type DocumentSource, SourceBuilder } from './source';

/** Containers that hold the article on common government-site templates (TRS, 开普云 UCAP, 拓尔思 …). */
const ARTICLE_CONTAINERS = [
  '.TRS_Editor',
  '.trs_editor_view',
  '#zoom',
  '#UCAP-CONTENT',
  '.pages_content',
  '#Zoom',
  '.article-content',
  '.article_content',
  '.xxgk_content',
  '.zw',
  '#zw',
  '.view',
  'article',
  '.article',
  '.content',
  '#content',
  'main',
];

/** Chrome around the article: removed before the body is looked for. */
const NOISE = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'canvas',
  'form',
  'button',
  'select',
  'input',
  'textarea',
  'nav',
  'header',
  'footer',
  'aside',
  '[role=navigation]',
  '[role=banner]',
  '[role=contentinfo]',
  '[hidden]',
  '[style*="display:none"]',
  '[style*="display: none"]',
];

/** Class and id words of widgets around an article (share buttons, breadcrumbs, print/close links …). */
const WIDGET =
  /(?:^|[-_\s])(?:share|bdshare|jiathis|social|nav|navbar|menu|breadcrumb|crumb|position|location|sidebar|footer|header|topbar|toolbar|print|close|qrcode|ewm|erweima|related|xgwz|comment|copyright|search|login|font-?size|fontsize)(?:$|[-_\s\d])/i;

const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'li',
  'dd',
  'dt',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'center',
  'ul',
  'ol',
  'dl',
  'tr',
  'address',
  'figure',
  'figcaption',
]);

/** The charset a page declares (`<meta charset>` or http-equiv Content-Type), read from its first bytes. */
function declaredCharset(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 4096).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
}

function decodeHtml(bytes: Buffer): { html: string; encoding: string } {
  const charset = declaredCharset(bytes);
  if (charset && /^(gb2312|gbk|gb18030|x-gbk|big5)$/.test(charset)) {
    const name = charset === 'big5' ? 'big5' : 'gb18030';
    return { html: iconv.decode(bytes, name), encoding: name === 'big5' ? 'Big5' : 'GB18030' };
  }
  const { text, encoding } = decodeText(bytes);
  return { html: text, encoding };
}

/** Length of text in a node, whitespace aside. */
const textLength = ($: CheerioAPI, el: AnyNode) => $(el).text().replace(/\s+/g, '').length;

/** The element with the most text in its own paragraphs (text in <p> and <td> children): the largest block. */
function largestBlock($: CheerioAPI): Element | undefined {
  let best: Element | undefined;
  let bestScore = 0;
  $('p, td, br').each((_i, el) => {
    const parent = el.parent;
    if (parent?.type !== 'tag') return;
    const score = $(parent)
      .children('p, td, div, span, font')
      .toArray()
      .reduce((s, c) => s + textLength($, c), 0);
    if (score > bestScore) {
      bestScore = score;
      best = parent;
    }
  });
  return best;
}

class HtmlReader {
  readonly out = new SourceBuilder();
  private current = '';

  constructor(private readonly $: CheerioAPI) {}

  finish(): void {
    this.flush();
  }

  private flush(): void {
    this.out.line(this.current);
    this.current = '';
  }

  private tableRows(table: Element): string[][] {
    const $ = this.$;
    const rows: string[][] = [];
    // Rows of this table only: a nested table's rows are text of its cell.
    $(table)
      .find('tr')
      .filter((_i, tr) => $(tr).closest('table')[0] === table)
      .each((_i, tr) => {
        const cells: string[] = [];
        $(tr)
          .children('td, th')
          .each((_j, cell) => {
            cells.push($(cell).text().replace(/\s+/g, ' ').trim());
            const span = Number($(cell).attr('colspan') ?? 1);
            for (let k = 1; k < Math.min(span, 50); k++) cells.push('');
          });
        rows.push(cells);
      });
    return rows;
  }

  walk(nodes: readonly AnyNode[]): void {
    for (const n of nodes) {
      if (n.type === 'text') {
        this.current += n.data;
        continue;
      }
      if (n.type !== 'tag') continue;
      if (n.name === 'br') {
        this.flush();
        continue;
      }
      if (n.name === 'table') {
        this.flush();
        const rows = this.tableRows(n);
        // A table used for layout (one column) is read as paragraphs.
        if (rows.some((r) => r.length >= 2)) this.out.table(rows);
        else for (const r of rows) for (const c of r) this.out.line(c);
        continue;
      }
      const block = BLOCK.has(n.name);
      if (block) this.flush();
      this.walk(n.children);
      if (block) this.flush();
    }
  }
}

/** At least this many characters of text make an article (a page of links and a footer has fewer). */
const MIN_ARTICLE_CHARS = 50;

export function readHtml(bytes: Buffer): DocumentSource & { encoding: string } {
  const { html, encoding } = decodeHtml(bytes);
  const $ = load(html);
  const metaTitle = $('meta[name="ArticleTitle"], meta[name="articletitle"]').attr('content')?.trim();
  const pageTitle = $('title').first().text().trim();
  $(NOISE.join(',')).remove();
  $('[class], [id]').each((_i, el) => {
    const words = `${$(el).attr('class') ?? ''} ${$(el).attr('id') ?? ''}`;
    // The body containers themselves never count as widgets (“content-header” does, “content” does not).
    if (WIDGET.test(words) && !ARTICLE_CONTAINERS.some((sel) => $(el).is(sel))) $(el).remove();
  });
  let container: Element | undefined;
  for (const sel of ARTICLE_CONTAINERS) {
    const found = $(sel)
      .toArray()
      .filter((el): el is Element => el.type === 'tag' && textLength($, el) >= MIN_ARTICLE_CHARS)
      .sort((a, b) => textLength($, b) - textLength($, a))[0];
    if (found) {
      container = found;
      break;
    }
  }
  container ??= largestBlock($);
  if (!container || textLength($, container) < MIN_ARTICLE_CHARS) {
    throw new UnprocessableFileError(
      'HTML_NO_ARTICLE',
      'No article was found in this web page (only navigation or too little text); save the page with its article, or copy the article into a .txt file and upload that.',
    );
  }
  const h1 = $('h1').first().text().replace(/\s+/g, ' ').trim();
  const title = metaTitle || h1 || pageTitle.split(/[_|－—-]/)[0]?.trim() || '';
  const reader = new HtmlReader($);
  if (title && !$(container).text().replace(/\s+/g, ' ').includes(title)) reader.out.line(title);
  reader.walk(container.children);
  reader.finish();
  return { ...reader.out.build('html'), encoding };
}
