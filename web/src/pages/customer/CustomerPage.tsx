import { lazy, memo, Suspense, useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { WorkspaceCustomerCardDocument, type WorkspaceCustomerCardQuery } from '../../gql/graphql';
import { CoverageTimeline } from '../../components/CoverageTimeline';
import { SlaClock } from '../../components/SlaClock';
import { Empty, EngineerName, EnumLabel, ErrorBox, Loading, Panel, Phone } from '../../components/common';
import { dayToInstant, formatDate, formatDateTime, isoDay } from '../../lib/format';
import { FlagEvidenceList } from '../attention/FlagEvidenceList';
import { receivedAt, useNow } from '../../lib/clock';

const RelationshipGraph = lazy(() => import('./RelationshipGraph'));

type Card = NonNullable<WorkspaceCustomerCardQuery['customer']>;

/**
 * The card's panels below who covers and the escalation path: those two are what a caller needs at once,
 * so they are rendered first, and these (flags, cases, commitments, contacts, devices, the timeline…)
 * in a background render right after, from a deferred copy of the same answer (useDeferredValue).
 * Until then they show the previous answer when it was the same customer's (another "as of" date) and
 * nothing when it was another customer's: never another customer's data under this one's name.
 */
export function useCardDetails(customer: Card | null | undefined, fetchedAt: number) {
  const answer = useMemo(() => (customer ? { c: customer, fetchedAt } : null), [customer, fetchedAt]);
  // null first also when the card opens with its answer already at hand (urql's cache).
  const deferred = useDeferredValue(answer, null);
  return deferred && customer && deferred.c.id === customer.id ? deferred : null;
}

export function CustomerPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [params, setParams] = useSearchParams();
  const day = params.get('at');
  const at = day ? dayToInstant(day) : null;
  const [{ data, fetching, error, extensions }] = useQuery({ query: WorkspaceCustomerCardDocument, variables: { id, at } });
  const now = useNow();
  // The SLA clocks count from the moment the answer arrived.
  const fetchedAt = receivedAt(extensions, now);
  const details = useCardDetails(data?.customer, fetchedAt);

  if (error && !data) return <ErrorBox error={error} />;
  if (!data) return <Loading />;
  const c = data.customer;
  if (!c)
    return (
      <p role="alert">
        {t('common.notFound')}: {id}
      </p>
    );

  return (
    <div className="page card" data-testid="customer-card">
      <div className="title-row">
        <h1>
          {c.name} {c.nameLatin && <span className="latin">{c.nameLatin}</span>}
        </h1>
        <span className="badge">
          {t('customer.tier')}: <EnumLabel value={c.tier} />
        </span>
        {c.region && <span className="badge">{c.region.name}</span>}
        <Link to={`/history/${c.id}`}>{t('common.history')}</Link>
      </div>
      <form className="asof" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('customer.asOf')}{' '}
          <input
            type="date"
            data-testid="as-of"
            value={day ?? isoDay(new Date())}
            max={isoDay(new Date())}
            onChange={(e) => {
              const next = new URLSearchParams(params);
              if (e.target.value) next.set('at', e.target.value);
              else next.delete('at');
              setParams(next);
            }}
          />
        </label>
        {day && (
          <button type="button" onClick={() => setParams({})}>
            {t('customer.now')}
          </button>
        )}
        {fetching && (
          <span role="status" className="muted">
            {' '}
            {t('common.loading')}
          </span>
        )}
        {day && <p className="muted">{t('customer.asOfNote', { date: formatDate(at, lang) })}</p>}
      </form>

      <div className="grid">
        <Panel title={t('customer.coverage')} id="coverage">
          {c.coverage.length === 0 ? (
            <p className="warn-text">⚠ {t('customer.noCoverage')}</p>
          ) : (
            <table>
              <tbody>
                {c.coverage.map((cov) => (
                  <tr key={cov.id} data-testid="coverage-row" data-role={cov.role}>
                    <th scope="row">
                      <EnumLabel value={cov.role} />
                    </th>
                    <td>
                      <EngineerName engineer={cov.engineer} />
                    </td>
                    <td className="muted">
                      {t('common.since')} {formatDate(cov.from, lang)}
                      {cov.to ? ` ${t('common.until')} ${formatDate(cov.to, lang)}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>

        <Panel title={t('customer.escalation')} id="escalation">
          {c.escalationPath.length === 0 ? (
            <Empty />
          ) : (
            <ol className="calls" data-testid="escalation">
              {c.escalationPath.map((s) => (
                <li key={`${s.order}-${s.engineer.id}`} className={s.skippedBecause ? 'skipped' : undefined}>
                  <span className="role">
                    <EnumLabel value={s.role} />
                  </span>{' '}
                  <EngineerName engineer={s.engineer} /> {s.phone && !s.skippedBecause && <Phone phone={s.phone} className="tel" />}
                  {s.phone && s.skippedBecause && <span className="muted">{s.phone}</span>}
                  {s.skippedBecause && (
                    <span className="badge warn">
                      {t('customer.skipped')}: {s.skippedBecause}
                    </span>
                  )}
                </li>
              ))}
            </ol>
          )}
        </Panel>

        {details && <CardDetailsGrid c={details.c} fetchedAt={details.fetchedAt} />}
      </div>

      {details && <CardDetailsBelow c={details.c} now={now} asOf={at} />}
    </div>
  );
}

/** The panels of the card's grid after who covers and the escalation path. */
const CardDetailsGrid = memo(function CardDetailsGrid({ c, fetchedAt }: { c: Card; fetchedAt: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <>
      <Panel title={t('customer.flags')} id="flags">
        {c.flags.length === 0 ? (
          <Empty />
        ) : (
          <ul className="flags">
            {c.flags.map((f) => (
              <li key={f.code}>
                <details>
                  <summary>
                    <span className="badge danger">{f.code}</span> {f.message}
                  </summary>
                  <FlagEvidenceList evidence={f.evidence} customerId={c.id} />
                </details>
              </li>
            ))}
          </ul>
        )}
      </Panel>

      <Panel title={t('customer.cases')} id="cases">
        {c.openCases.length === 0 ? (
          <Empty />
        ) : (
          <ul className="rows">
            {c.openCases.map((k) => (
              <li key={k.id} id={k.id}>
                <span className={`badge sev-${k.severity}`}>
                  <EnumLabel value={k.severity} />
                </span>{' '}
                <Link to={`/history/${k.id}`}>{k.number ?? k.id}</Link> {k.title}
                <div className="sub">
                  {t('common.owner')}:{' '}
                  {k.owner ? <EngineerName engineer={k.owner} /> : <span className="warn-text">{t('common.noOwner')}</span>} ·{' '}
                  <SlaClock sla={k.sla} fetchedAt={fetchedAt} />
                  {k.sla.silenceBreached && k.sla.silentForHours != null && (
                    <span className="badge warn">
                      {t('sla.silent', { hours: Math.round(k.sla.silentForHours), limit: k.sla.silenceLimitHours })}
                    </span>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Panel>

      <Panel title={t('customer.commitments')} id="commitments">
        {c.commitments.length === 0 ? (
          <Empty />
        ) : (
          <ul className="rows">
            {c.commitments.map((m) => (
              <li key={m.id} id={m.id}>
                {m.text}
                <div className="sub">
                  {m.engineer && <EngineerName engineer={m.engineer} />} · {t('common.due')} {formatDate(m.dueAt, lang)}
                  {m.overdue && <span className="badge danger">{t('common.overdue')}</span>}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Panel>

      <Panel title={t('customer.lastHandoff')} id="last-handoff">
        {!c.lastHandoff ? (
          <Empty />
        ) : (
          <>
            <p>
              <Link to={`/handoffs/${c.lastHandoff.id}`}>{c.lastHandoff.id}</Link> · <EnumLabel value={c.lastHandoff.reason} /> ·{' '}
              <EnumLabel value={c.lastHandoff.status} /> · {c.lastHandoff.from.name} · {formatDate(c.lastHandoff.effectiveAt, lang)}
            </p>
            {c.lastHandoff.openItems.length === 0 ? (
              <Empty />
            ) : (
              <ul>
                {c.lastHandoff.openItems.map((i) => (
                  <li key={i.id}>
                    <EnumLabel value={i.kind} /> {i.refersTo && <span className="muted">{i.refersTo.id}</span>}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Panel>

      <Panel title={t('customer.lastContact')} id="last-contact">
        {!c.lastInteraction ? (
          <Empty />
        ) : (
          <p>
            {formatDateTime(c.lastInteraction.at, lang)} · {c.lastInteraction.channel} · {c.lastInteraction.engineer?.name} →{' '}
            {c.lastInteraction.contacts.map((p) => p.name).join(', ')}
            <br />
            <span className="muted">{c.lastInteraction.summary}</span>
          </p>
        )}
      </Panel>

      <Panel title={t('customer.contacts')} id="contacts">
        <table>
          <tbody>
            {c.contacts.map((p) => (
              <tr key={p.id} id={p.id} data-testid="contact-row">
                <th scope="row">
                  <Link to={`/history/${p.id}`}>{p.name}</Link>
                </th>
                <td>
                  <EnumLabel value={p.role} />
                  {p.title ? ` · ${p.title}` : ''}
                </td>
                <td>{p.reportsTo ? `${t('customer.reportsTo')} ${p.reportsTo.name}` : ''}</td>
                <td data-testid="contact-phone">{p.phone && <Phone phone={p.phone} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>

      <Panel title={t('customer.devices')} id="devices">
        {c.devices.length === 0 ? (
          <Empty />
        ) : (
          <table>
            <tbody>
              {c.devices.map((d) => (
                <tr key={d.id} id={d.id}>
                  <th scope="row">{d.model}</th>
                  <td>{d.serial}</td>
                  <td>
                    <span className={`badge m-${d.maintenanceStatus}`}>
                      <EnumLabel value={d.maintenanceStatus} />
                    </span>
                  </td>
                  <td className="muted">{formatDate(d.maintenanceUntil, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </>
  );
});

/** The coverage timeline and the relationship picture, under the grid. */
const CardDetailsBelow = memo(function CardDetailsBelow({ c, now, asOf }: { c: Card; now: number; asOf: string | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [showGraph, setShowGraph] = useState(false);
  const entries = c.coverageHistory.edges.map(({ node }) => ({
    id: node.id,
    role: node.role,
    engineerName: lang === 'zh' || !node.engineer.nameLatin ? node.engineer.name : node.engineer.nameLatin,
    from: node.from,
    to: node.to,
  }));
  return (
    <>
      <Panel title={t('customer.timeline')} id="timeline">
        <CoverageTimeline entries={entries} now={now} asOf={asOf ? Date.parse(asOf) : null} />
      </Panel>

      <Panel title={t('customer.graph')} id="graph">
        {showGraph ? (
          <Suspense fallback={<Loading />}>
            <RelationshipGraph customerId={c.id} />
          </Suspense>
        ) : (
          <button type="button" onClick={() => setShowGraph(true)} data-testid="show-graph">
            {t('customer.graphShow')}
          </button>
        )}
      </Panel>
    </>
  );
});
