/**
 * Region: who is bound by a figure. Its own words (a place opening its metric, a policy of another place quoted in
 * its sentence) → its article's heading or opening → the document's issuer → null (undecided, reviewed first).
 * Each choice carries the rule that made it, shown to the reviewer (TARGETS-SPEC.md: region fallback chain).
 */
import { NATIONAL_REGION } from '../../shared/taxonomy';
import { findRegionMentions } from '../lib/regions';
import type { ArticleInfo } from './articles';
import type { DocContext } from './context';
import type { Figure } from './figures';
import { sentenceSpan } from './spans';

export interface RegionChoice {
  region: string | null;
  regionCode: string | null;
  /** The rule that decided, for the reviewer. */
  rule: string;
  stripped?: string;
}

/**
 * The region a figure's article falls back on (TARGETS-SPEC.md, region chain): in a newsletter each
 * article's own words, then the place its body names most; in a single document its issuer first,
 * since an opening sentence's 全国 or 中央 describes the setting, not who is bound.
 */
export function baseRegion(
  article: ArticleInfo,
  ctx: DocContext,
  layout: { toc: boolean; articles: number },
): RegionChoice {
  const own = (): RegionChoice => ({
    region: article.region,
    regionCode: article.regionCode,
    rule:
      article.regionSource === 'frequency'
        ? 'the place the article names most'
        : `the article's ${article.regionSource}`,
  });
  const issuer = ctx.issuer;
  const fromIssuer = (): RegionChoice | null => {
    if (!issuer) return null;
    const why = ctx.why.find((w) => w.field === 'issuer');
    const where = why?.line ? ` (line ${why.line}: ${why.evidence})` : '';
    return {
      region: issuer.fullName,
      regionCode: issuer.code,
      rule: `the document's issuer by ${why?.rule ?? 'context'}${where}`,
    };
  };
  const undecided: RegionChoice = { region: null, regionCode: null, rule: 'undecided: nothing names a place' };
  if (layout.toc) return article.regionSource ? own() : (fromIssuer() ?? undecided);
  // A digest's item heading (2.湖南省印发《…》) and a city's part of a provincial plan name their own place.
  if (article.regionSource === 'heading' && article.regionCode) {
    const inside = issuer ? article.regionCode.startsWith(issuer.code.replace(/(?:0000|00)$/, '')) : true;
    if (
      layout.articles >= 2 ||
      (inside && article.regionCode !== issuer?.code && article.regionCode !== NATIONAL_REGION.code)
    )
      return own();
  }
  return fromIssuer() ?? (article.regionSource ? own() : undecided);
}

export function recordRegion(text: string, fig: Figure, base: RegionChoice): RegionChoice {
  const baseCode = base.regionCode ?? '';
  // A policy of another place quoted inside an article (《深圳市…方案》提出…) binds that place.
  const sentence = sentenceSpan(text, fig.numberStart);
  const head = text.slice(sentence.start, fig.numberStart);
  const quoted = /《([^》]+)》/.exec(head);
  if (quoted?.[1]) {
    const mention = findRegionMentions(quoted[1], false)[0];
    if (mention && mention.index === 0 && mention.region.code !== baseCode) {
      const inArticle = baseCode !== '' && mention.region.code.startsWith(baseCode.replace(/0+$/, ''));
      if (baseCode === NATIONAL_REGION.code || baseCode === '' || !inArticle) {
        return {
          region: mention.region.fullName,
          regionCode: mention.region.code,
          rule: 'the policy quoted in the sentence',
        };
      }
    }
  }
  // A metric that opens with a place (深圳市2024年软件业务收入… in a Guangdong report, and the 同比增长
  // that inherits it; 湖南省… in a national one) is that place's figure.
  // Another city's figure in a city's report (株洲市新建… in 长沙's) is that city's too; the province
  // around the report (“湖北精品”企业 in a 天门 report) names a brand or a ranking, not the place bound.
  const opener = findRegionMentions(fig.metric, false)[0];
  const ancestor = (code: string) =>
    code === NATIONAL_REGION.code || baseCode.startsWith(code.replace(/(?:0000|00)$/, ''));
  if (opener && opener.index === 0 && opener.region.code !== baseCode && !(baseCode && ancestor(opener.region.code))) {
    return {
      region: opener.region.fullName,
      regionCode: opener.region.code,
      rule: 'a place opening the metric',
      stripped: fig.metric.slice(0, opener.length),
    };
  }
  return base;
}

/** A metric without the place and year its clause opened with (深圳市2024年软件业务收入 → 软件业务收入). */
export function withoutPlace(metric: string, place: string | undefined): string {
  if (!place || !metric.startsWith(place)) return metric;
  return metric.slice(place.length).replace(/^(?:\d{4}年(?:底|末|全年)?|全年|今年)[，,]?/, '') || metric;
}
