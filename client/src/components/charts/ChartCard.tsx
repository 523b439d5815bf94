import { type ReactNode, useId, useRef } from 'react';
import { useLocale } from '../../i18n';

/** Saves a blob under a file name through a temporary link. */
function save(blob: Blob, fileName: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${fileName}.png`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/**
 * Saves the card's figure as a PNG for briefing slides. A Recharts chart is one SVG, drawn on a canvas
 * directly; anything else (the region × theme table) is HTML, rendered by html-to-image, which is loaded only
 * when someone asks for a picture of it.
 */
async function downloadPng(container: HTMLElement, fileName: string) {
  // The chart's own surface, not the small SVG icons of its legend.
  const svg = container.querySelector('.recharts-wrapper > svg');
  if (!svg) {
    // The whole table, not the scrolled window onto it that a narrow screen shows.
    const node = (container.querySelector('table') as HTMLElement | null) ?? container;
    const { toBlob } = await import('html-to-image');
    const blob = await toBlob(node, {
      backgroundColor: '#ffffff',
      pixelRatio: 2,
      width: node.scrollWidth,
      height: node.scrollHeight,
    });
    if (blob) save(blob, fileName);
    return;
  }
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const data = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(clone))}`;
  const img = new Image();
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('could not render the chart'));
    img.src = data;
  });
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = height * scale;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (blob) save(blob, fileName);
}

interface Props {
  title: string;
  /** File name of the PNG download, without extension. */
  fileName: string;
  /** Extra controls shown beside the title (e.g. a sort switch). */
  actions?: ReactNode;
  /** Set false for cards with nothing to picture (lists of links). */
  png?: boolean;
  children: ReactNode;
}

/** A titled figure with an accessible name and a "download PNG" button. */
export function ChartCard({ title, fileName, actions, png = true, children }: Props) {
  const { t } = useLocale();
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  return (
    <figure className="card" aria-labelledby={id}>
      <div className="card-head">
        <h2 id={id}>{title}</h2>
        <div className="card-actions">
          {actions}
          {png && (
            <button type="button" onClick={() => ref.current && void downloadPng(ref.current, fileName)}>
              {t('common.downloadPng')}
            </button>
          )}
        </div>
      </div>
      <div ref={ref} className="card-body">
        {children}
      </div>
    </figure>
  );
}
