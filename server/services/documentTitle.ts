import type { ExtractionResult } from '../../shared/schemas/record';

/** How far into a text its masthead may reach, in lines. */
const HEAD_LINES = 40;

/** An issue line under a newsletter's masthead: `2024年12月23日 第49期 总第212期`. */
const ISSUE_LINE = /(\d{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*第\s*(\d{1,4})\s*期/;

/** A salutation that opens a speech or a report (各位代表：, 同志们：): how the text begins, not its name. */
const SALUTATION = /^[\p{Script=Han}、\s]{2,12}[:：]$/u;

/** A file name a machine made up (a hash), which names nothing for a reader. */
const MACHINE_NAME = /^[\w.-]+$/;

const stem = (fileName: string) => fileName.replace(/\.[a-z0-9]{2,5}$/i, '');

/**
 * The title a document is stored and listed under. The engine names a newsletter by its masthead, which every
 * issue shares (four seed documents were all "大数据发展动态"): the issue it is, read from the line under the
 * masthead, tells them apart ("大数据发展动态 2024年第49期"). A text that opens with a salutation (a work report's
 * "各位代表：") is named by its file, when the file has a name a person gave it. A text the engine found no
 * name for (its title is the file name, a hash) is named by its first titled article and how many there are.
 */
export function storedTitle(
  extraction: Pick<ExtractionResult, 'title' | 'articles'>,
  text: string,
  fileName: string,
): string {
  const title = extraction.title.trim();
  const head = text.split('\n', HEAD_LINES).map((l) => l.replace(/^[#\s]+/, '').trim());
  if (title && title !== fileName && head.includes(title)) {
    const issue = head.map((l) => ISSUE_LINE.exec(l)).find((m) => m !== null);
    if (issue) return `${title} ${issue[1]}年第${Number(issue[2])}期`;
  }
  if (SALUTATION.test(title) && !MACHINE_NAME.test(stem(fileName))) return stem(fileName);
  if (!title || title === fileName || SALUTATION.test(title)) {
    const titled = extraction.articles.filter((a) => a.title.trim() && !SALUTATION.test(a.title.trim()));
    const first = titled[0]?.title.trim();
    if (first) return titled.length > 1 ? `${first} 等${titled.length}篇` : first;
  }
  return title || fileName;
}
