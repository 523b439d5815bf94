import { useQuery } from '@tanstack/react-query';
import { type DragEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { formatChinaTime } from '../../../../shared/chinaTime';
import type { DocumentInfo } from '../../../../shared/schemas/document';
import { ApiRequestError } from '../../api/http';
import { LoadingPanel } from '../../components/common/LoadingPanel';
import { useLocale } from '../../i18n';
import { useCan } from '../auth/session';
import { type UploadFormFields, useUploadDocumentMutation } from './mutations';
import { documentQueries } from './queries';

function UploadBox() {
  const { t } = useLocale();
  const upload = useUploadDocumentMutation();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [fields, setFields] = useState<UploadFormFields>({});
  const send = (file: File | undefined) => file && upload.mutate({ file, fields });
  const field = (name: keyof UploadFormFields) => ({
    value: fields[name] ?? '',
    onChange: (e: { target: { value: string } }) => setFields((f) => ({ ...f, [name]: e.target.value })),
  });
  // The server's message is English; a refused file's code has a message in the reader's language.
  const errorText = (e: Error) =>
    e instanceof ApiRequestError ? t(`documents.errors.${e.code}`, { defaultValue: e.message }) : e.message;
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    send(e.dataTransfer.files[0]);
  };
  const r = upload.data;
  return (
    <section className="card" aria-labelledby="upload-h">
      <h2 id="upload-h">{t('documents.upload')}</h2>
      <button
        type="button"
        className={`dropzone${over ? ' over' : ''}`}
        onClick={() => input.current?.click()}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        {t('documents.dropHere')}
      </button>
      <div className="upload-fields">
        <label>
          {t('documents.statedTitle')} <input type="text" maxLength={300} {...field('title')} />
        </label>
        <label>
          {t('documents.statedRegion')}{' '}
          <input type="text" inputMode="numeric" pattern="\d{6}" size={8} {...field('region')} />
        </label>
        <label>
          {t('documents.statedYear')} <input type="number" min={1949} max={2100} {...field('year')} />
        </label>
      </div>
      <input
        ref={input}
        type="file"
        accept=".txt,.pdf,.docx,.html,.htm,text/plain,application/pdf,text/html,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        hidden
        aria-label={t('documents.upload')}
        onChange={(e) => {
          send(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      {upload.isPending && (
        <p aria-live="polite">
          <progress max={1} value={upload.progress} />{' '}
          {t('documents.uploading', { percent: Math.round(upload.progress * 100) })}
        </p>
      )}
      {upload.isError && (
        <p role="alert" className="error">
          {errorText(upload.error)}
        </p>
      )}
      {r && (
        <p role="status">
          {r.outcome === 'unchanged'
            ? t('documents.unchanged')
            : t('documents.uploaded', {
                title: r.document.title,
                added: r.figures.added,
                kept: r.figures.kept,
                gone: r.figures.gone,
              })}{' '}
          {r.figures.flagged > 0 && `${t('documents.flagged', { count: r.figures.flagged })} `}
          <Link to={`/documents/${r.document.id}`}>{r.document.fileName}</Link>
        </p>
      )}
    </section>
  );
}

/** A document's articles, unfolded under its row: title, region, where it stands and its figures. */
function DocumentArticles({ doc, id }: { doc: DocumentInfo; id: string }) {
  const { t } = useLocale();
  const articles = useQuery(documentQueries.articles(doc.id));
  return (
    <tr className="detail" id={id}>
      <td colSpan={5}>
        <LoadingPanel query={articles} minHeight={40}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted">{t('documents.noArticles')}</p>
            ) : (
              <>
                <p className="muted">{t('documents.articleCount', { count: list.length })}</p>
                <ol className="articles">
                  {list.map((a) => (
                    <li key={a.id}>
                      <Link to={`/documents/${doc.id}#L${a.firstLine}`}>
                        {a.title || t('documents.untitledArticle')}
                      </Link>
                      <span className="muted">
                        {' · '}
                        {a.region || '—'}
                        {' · '}
                        {t('documents.articleLines', { first: a.firstLine, last: a.lastLine })}
                        {' · '}
                      </span>
                      <span className="muted">{t('documents.articleFigures', { count: a.figures })}</span>
                    </li>
                  ))}
                </ol>
              </>
            )
          }
        </LoadingPanel>
      </td>
    </tr>
  );
}

function DocumentRow({ d }: { d: DocumentInfo }) {
  const { t } = useLocale();
  const [open, setOpen] = useState(false);
  const detailId = `doc-${d.id}-articles`;
  return (
    <>
      <tr className={open ? 'open' : undefined}>
        <td>
          <button
            type="button"
            className="expander"
            aria-expanded={open}
            aria-controls={open ? detailId : undefined}
            onClick={() => setOpen(!open)}
          >
            <span aria-hidden="true">{open ? '▾' : '▸'}</span>
            <span className="sr-only">
              {t(open ? 'documents.hideArticles' : 'documents.showArticles', { title: d.title })}
            </span>
          </button>{' '}
          <Link to={`/documents/${d.id}`}>{d.title}</Link>
          <div className="muted">{d.fileName}</div>
        </td>
        <td className="nowrap">{d.issueDate ?? '—'}</td>
        <td className="num">
          <Link to={`/targets?document=${d.id}`}>{d.figures}</Link>
        </td>
        <td className="num lines">{d.lineCount}</td>
        <td>
          {/* Wraps between the date and the time on a phone, never inside either. */}
          {formatChinaTime(d.ingestedAt, { seconds: false })
            .split(' ')
            .map((part) => (
              <span key={part} className="nowrap">
                {part}{' '}
              </span>
            ))}
        </td>
      </tr>
      {open && <DocumentArticles doc={d} id={detailId} />}
    </>
  );
}

/** Stored policy texts, newest first, and the upload box. */
export function DocumentsPage() {
  const { t } = useLocale();
  const list = useQuery(documentQueries.list());
  const analyst = useCan('analyst');
  return (
    <div className="page">
      <h1>{t('documents.title')}</h1>
      {analyst && <UploadBox />}
      <LoadingPanel query={list} isEmpty={(l) => l.length === 0}>
        {(docs) => (
          <table className="data documents">
            <thead>
              <tr>
                <th scope="col">{t('documents.fileName')}</th>
                <th scope="col">{t('documents.issueDate')}</th>
                <th scope="col">{t('documents.figures')}</th>
                <th scope="col" className="lines">
                  {t('documents.lines')}
                </th>
                <th scope="col">{t('documents.ingestedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {docs.map((d) => (
                <DocumentRow key={d.id} d={d} />
              ))}
            </tbody>
          </table>
        )}
      </LoadingPanel>
    </div>
  );
}
