import { useQuery } from '@tanstack/react-query';
import { type DragEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { LoadingPanel } from '../../components/common/LoadingPanel';
import { useLocale } from '../../i18n';
import { useCan } from '../auth/session';
import { useUploadDocumentMutation } from './mutations';
import { documentQueries } from './queries';

function UploadBox() {
  const { t } = useLocale();
  const upload = useUploadDocumentMutation();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const send = (file: File | undefined) => file && upload.mutate(file);
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
      <input
        ref={input}
        type="file"
        accept=".txt,text/plain"
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
          {upload.error.message}
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
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('documents.fileName')}</th>
                <th scope="col">{t('documents.issueDate')}</th>
                <th scope="col">{t('documents.figures')}</th>
                <th scope="col">{t('documents.lines')}</th>
                <th scope="col">{t('documents.ingestedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {docs.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link to={`/documents/${d.id}`}>{d.title}</Link>
                    <div className="muted">{d.fileName}</div>
                  </td>
                  <td>{d.issueDate ?? '—'}</td>
                  <td className="num">
                    <Link to={`/targets?document=${d.id}`}>{d.figures}</Link>
                  </td>
                  <td className="num">{d.lineCount}</td>
                  <td>{d.ingestedAt.slice(0, 16).replace('T', ' ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadingPanel>
    </div>
  );
}
