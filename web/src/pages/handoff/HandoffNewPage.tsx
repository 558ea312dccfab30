import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import {
  EngineerChoicesDocument,
  OutgoingPortfolioDocument,
  WorkspacePlanHandoffDocument,
  WorkspaceStartHandoffDocument,
  type HandoffReason,
  type PlanHandoffInput,
} from '../../gql/graphql';
import { EnumLabel, ErrorBox, Loading, displayName } from '../../components/common';
import { useMayWrite } from '../../auth';

const REASONS: HandoffReason[] = ['ROTATION', 'TRANSFER', 'LEAVE', 'VACATION'];

/** Local date-time (datetime-local input) in China time to an ISO instant. */
const toInstant = (local: string) => new Date(`${local}:00+08:00`).toISOString();
const nowLocal = () =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(new Date())
    .replace(' ', 'T');

export function HandoffNewPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const mayWrite = useMayWrite();
  const [outgoing, setOutgoing] = useState('');
  const [reason, setReason] = useState<HandoffReason>('ROTATION');
  const [effective, setEffective] = useState(nowLocal());
  const [until, setUntil] = useState('');
  const [successorOf, setSuccessorOf] = useState<Record<string, string>>({});
  const [{ data: engineers }] = useQuery({ query: EngineerChoicesDocument });
  const [{ data: portfolio, fetching }] = useQuery({ query: OutgoingPortfolioDocument, variables: { id: outgoing }, pause: !outgoing });
  const [plan, planHandoff] = useMutation(WorkspacePlanHandoffDocument);
  const [started, startHandoff] = useMutation(WorkspaceStartHandoffDocument);

  const customers = useMemo(() => {
    const m = new Map<string, string>();
    for (const c of portfolio?.engineer?.portfolio ?? []) m.set(c.customer.id, c.customer.name);
    return [...m];
  }, [portfolio]);
  const active = engineers?.engineers.edges.map((e) => e.node).filter((e) => e.status === 'ACTIVE' && e.id !== outgoing) ?? [];

  const input = (): PlanHandoffInput | null => {
    const groups = new Map<string, string[]>();
    for (const [customerId] of customers) {
      const s = successorOf[customerId];
      if (s) groups.set(s, [...(groups.get(s) ?? []), customerId]);
    }
    if (!outgoing || groups.size === 0) return null;
    return {
      outgoingEngineerId: outgoing,
      reason,
      effectiveAt: toInstant(effective),
      until: until ? toInstant(until) : undefined,
      successors: [...groups].map(([engineerId, customerIds]) => ({ engineerId, customerIds })),
    };
  };
  const ready = input();

  if (!mayWrite) return <p role="alert">{t('signin.masked')}</p>;
  return (
    <div className="page">
      <h1>{t('handoff.newTitle')}</h1>
      <form
        className="steps"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) void planHandoff({ input: ready });
        }}
      >
        <fieldset>
          <legend>{t('handoff.stepChoose')}</legend>
          <label>
            {t('handoff.outgoing')}{' '}
            <select
              data-testid="outgoing"
              value={outgoing}
              onChange={(e) => {
                setOutgoing(e.target.value);
                setSuccessorOf({});
              }}
            >
              <option value="">{t('handoff.choose')}</option>
              {engineers?.engineers.edges.map(({ node }) => (
                <option key={node.id} value={node.id}>
                  {node.name}
                  {node.nameLatin ? ` (${node.nameLatin})` : ''}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('handoff.reason')}{' '}
            <select data-testid="reason" value={reason} onChange={(e) => setReason(e.target.value as HandoffReason)}>
              {REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`enum.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('handoff.effectiveAt')} <input type="datetime-local" value={effective} onChange={(e) => setEffective(e.target.value)} />
          </label>
          {reason === 'VACATION' && (
            <label>
              {t('handoff.until')} <input type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />
            </label>
          )}
        </fieldset>
        {outgoing && (
          <fieldset>
            <legend>{t('handoff.stepAssign')}</legend>
            {fetching && <Loading />}
            {customers.map(([id, name]) => (
              <label key={id} className="block">
                {t('handoff.successorFor', { name })}{' '}
                <select
                  data-testid={`successor-${id}`}
                  value={successorOf[id] ?? ''}
                  onChange={(e) => setSuccessorOf({ ...successorOf, [id]: e.target.value })}
                >
                  <option value="">{t('handoff.choose')}</option>
                  {active.map((e) => (
                    <option key={e.id} value={e.id}>
                      {e.name}
                      {e.region ? ` · ${e.region.name}` : ''}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </fieldset>
        )}
        <button type="submit" disabled={!ready || plan.fetching} data-testid="plan">
          {t('handoff.plan')}
        </button>
      </form>
      {plan.error && <ErrorBox error={plan.error} />}
      {plan.data && (
        <section className="panel" aria-labelledby="review-h" data-testid="plan-review">
          <h2 id="review-h">{t('handoff.stepReview')}</h2>
          {plan.data.planHandoff.warnings.length > 0 && (
            <>
              <h3>{t('handoff.warnings')}</h3>
              <ul>
                {plan.data.planHandoff.warnings.map((w, i) => (
                  <li key={i} className="warn-text">
                    ⚠ {w.message}
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3>{t('handoff.assignments')}</h3>
          <ul>
            {plan.data.planHandoff.assignments.map((a) => (
              <li key={a.customer.id}>
                {a.customer.name} → {displayName(a.successor, i18n.language)} ({a.roles.map((r) => t(`enum.${r}`)).join(', ')})
              </li>
            ))}
          </ul>
          <h3>
            {t('handoff.items')} ({plan.data.planHandoff.items.length})
          </h3>
          <ol>
            {plan.data.planHandoff.items.map((i) => (
              <li key={i.seq}>
                <EnumLabel value={i.kind} /> · {i.customer.name} · {displayName(i.assignee, i18n.language)}{' '}
                {i.refersTo && <span className="muted">{i.refersTo.id}</span>}
              </li>
            ))}
          </ol>
          <button
            type="button"
            data-testid="start"
            disabled={started.fetching}
            onClick={async () => {
              if (!ready) return;
              const res = await startHandoff({ input: ready });
              if (res.data) navigate(`/handoffs/${res.data.startHandoff.id}`);
            }}
          >
            {t('handoff.start')}
          </button>
          {started.error && <ErrorBox error={started.error} />}
        </section>
      )}
    </div>
  );
}
