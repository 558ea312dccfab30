import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { WorkspaceCompleteHandoffDocument, CompleteItemDocument, HandoffChecklistDocument, WaiveItemDocument } from '../../gql/graphql';
import { EnumLabel, ErrorBox, Loading, displayName } from '../../components/common';
import { useMayWrite, useSession } from '../../auth';
import { checklistState } from '../../lib/checklist';
import { formatDate, formatDateTime } from '../../lib/format';

function ItemRow({
  item,
  canWrite,
}: {
  item: {
    id: string;
    seq?: number | null;
    kind: string;
    status: 'OPEN' | 'DONE' | 'WAIVED';
    note?: string | null;
    doneBy?: string | null;
    doneAt?: string | null;
    customer?: { id: string; name: string } | null;
    assignee?: { name: string; nameLatin?: string | null } | null;
    refersTo?: { id: string } | null;
  };
  canWrite: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [note, setNote] = useState('');
  const [complete, doComplete] = useMutation(CompleteItemDocument);
  const [waive, doWaive] = useMutation(WaiveItemDocument);
  const [needReason, setNeedReason] = useState(false);
  const error = complete.error ?? waive.error;
  return (
    <li className={`item ${item.status}`} data-testid="checklist-item" data-status={item.status}>
      <span className="badge">
        <EnumLabel value={item.status} />
      </span>{' '}
      <strong>
        <EnumLabel value={item.kind} />
      </strong>{' '}
      {item.customer && <Link to={`/customers/${item.customer.id}`}>{item.customer.name}</Link>}{' '}
      {item.assignee && <span className="muted">→ {displayName(item.assignee, i18n.language)}</span>}{' '}
      {item.refersTo && <span className="muted">{item.refersTo.id}</span>}
      {item.status !== 'OPEN' && (
        <div className="sub">
          {item.doneBy} · {formatDateTime(item.doneAt, i18n.language)}
          {item.note ? ` · ${item.note}` : ''}
        </div>
      )}
      {item.status === 'OPEN' && canWrite && (
        <div className="item-actions no-print">
          <label>
            <span className="sr-only">
              {t('common.note')} {item.seq}
            </span>
            <input
              value={note}
              placeholder={t('common.note')}
              onChange={(e) => {
                setNote(e.target.value);
                setNeedReason(false);
              }}
            />
          </label>
          <button type="button" disabled={complete.fetching} onClick={() => void doComplete({ id: item.id, note: note || undefined })}>
            {t('handoff.complete')}
          </button>
          <button
            type="button"
            disabled={waive.fetching}
            onClick={() => (note.trim() ? void doWaive({ id: item.id, reason: note }) : setNeedReason(true))}
          >
            {t('handoff.waive')}
          </button>
          {needReason && (
            <span role="alert" className="warn-text">
              {t('handoff.needReason')}
            </span>
          )}
        </div>
      )}
      {error && <ErrorBox error={error} />}
    </li>
  );
}

async function download(id: string, format: 'csv' | 'md', headers: Record<string, string>) {
  const res = await fetch(`/handoffs/${encodeURIComponent(id)}/checklist?format=${format}`, { headers });
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${id}-checklist.${format}`;
  a.click();
  URL.revokeObjectURL(a.href);
}

export function HandoffPage({ print = false }: { print?: boolean }) {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const mayWrite = useMayWrite();
  const { headers } = useSession();
  const [{ data, error }] = useQuery({ query: HandoffChecklistDocument, variables: { id } });
  const [finish, doFinish] = useMutation(WorkspaceCompleteHandoffDocument);
  const [forceReason, setForceReason] = useState('');
  if (error && !data) return <ErrorBox error={error} />;
  if (!data) return <Loading />;
  const h = data.handoff;
  if (!h)
    return (
      <p role="alert">
        {t('common.notFound')}: {id}
      </p>
    );
  const state = checklistState(h.items);
  const live = h.status === 'PLANNED' || h.status === 'IN_PROGRESS';
  const canWrite = mayWrite && live && !print;
  return (
    <div className={print ? 'page print' : 'page'}>
      <h1>
        {t('handoff.checklist')}: {displayName(h.from, i18n.language)} → {h.to.map((e) => displayName(e, i18n.language)).join(', ')}
      </h1>
      <p>
        <EnumLabel value={h.reason} /> · {t('handoff.status')}:{' '}
        <strong data-testid="handoff-status">
          <EnumLabel value={h.status} />
        </strong>{' '}
        · {t('handoff.effectiveAt')} {formatDateTime(h.effectiveAt, i18n.language)}
        {h.until && ` · ${t('common.until')} ${formatDate(h.until, i18n.language)}`}
        {h.forced && <span className="badge warn">forced: {h.closeReason}</span>}
      </p>
      <p data-testid="checklist-left">
        <progress max={1} value={state.progress} aria-label={t('handoff.left', { open: state.open, total: state.total })} />{' '}
        {t('handoff.left', { open: state.open, total: state.total })}
      </p>
      {state.openByCustomer.length > 0 && (
        <ul className="muted">
          {state.openByCustomer.map((g) => (
            <li key={g.customerId ?? '-'}>
              {g.name}: {g.count}
            </li>
          ))}
        </ul>
      )}
      <div className="no-print actions">
        {print ? (
          <button type="button" onClick={() => window.print()}>
            {t('common.print')}
          </button>
        ) : (
          <Link to={`/handoffs/${h.id}/print`}>{t('handoff.printView')}</Link>
        )}
        <button type="button" onClick={() => void download(h.id, 'csv', headers())}>
          {t('handoff.download')} {t('handoff.csv')}
        </button>
        <button type="button" onClick={() => void download(h.id, 'md', headers())}>
          {t('handoff.download')} {t('handoff.markdown')}
        </button>
      </div>
      <ol className="checklist">
        {h.items.map((item) => (
          <ItemRow key={item.id} item={item} canWrite={canWrite} />
        ))}
      </ol>
      {canWrite && (
        <section className="panel no-print" aria-labelledby="finish-h">
          <h2 id="finish-h">{t('handoff.completeAll')}</h2>
          {state.canComplete ? (
            <>
              <p>{t('handoff.nothingLeft')}</p>
              <button type="button" data-testid="complete-handoff" disabled={finish.fetching} onClick={() => void doFinish({ id: h.id })}>
                {t('handoff.completeAll')}
              </button>
            </>
          ) : (
            <>
              <label>
                {t('handoff.forceReason')} <input value={forceReason} onChange={(e) => setForceReason(e.target.value)} />
              </label>{' '}
              <button
                type="button"
                disabled={!forceReason.trim() || finish.fetching}
                onClick={() => void doFinish({ id: h.id, force: true, reason: forceReason })}
              >
                {t('handoff.force')}
              </button>
            </>
          )}
          {finish.error && <ErrorBox error={finish.error} />}
        </section>
      )}
    </div>
  );
}
