import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { EngineerPageDocument } from '../../gql/graphql';
import { Empty, EngineerName, EnumLabel, ErrorBox, Loading, Panel, Phone } from '../../components/common';
import { SlaClock } from '../../components/SlaClock';
import { formatDate } from '../../lib/format';
import { receivedAt, useNow } from '../../lib/clock';

export function EngineerPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [{ data, error, extensions }] = useQuery({ query: EngineerPageDocument, variables: { id } });
  const now = useNow();
  // The SLA clocks count from the moment the answer arrived.
  const fetchedAt = receivedAt(extensions, now);
  if (error && !data) return <ErrorBox error={error} />;
  if (!data) return <Loading />;
  const e = data.engineer;
  if (!e)
    return (
      <p role="alert">
        {t('common.notFound')}: {id}
      </p>
    );
  const byRole = new Map<string, typeof e.portfolio>();
  for (const c of e.portfolio) byRole.set(c.role, [...(byRole.get(c.role) ?? []), c]);
  return (
    <div className="page">
      <div className="title-row">
        <h1>
          <EngineerName engineer={e} /> {e.nameLatin && <span className="latin">{e.nameLatin}</span>}
        </h1>
        <span className="badge">{e.kind}</span>
        {e.region && <span className="badge">{e.region.name}</span>}
        {e.partner && <span className="badge">{e.partner.name}</span>}
        {e.phone && <Phone phone={e.phone} />}
        <Link to={`/history/${e.id}`}>{t('common.history')}</Link>
      </div>
      <div className="grid">
        <Panel title={t('engineer.portfolio')} id="portfolio">
          {byRole.size === 0 ? (
            <Empty />
          ) : (
            [...byRole].map(([role, list]) => (
              <div key={role}>
                <h3>
                  <EnumLabel value={role} /> ({list.length})
                </h3>
                <ul>
                  {list.map((c) => (
                    <li key={c.id}>
                      <Link to={`/customers/${c.customer.id}`}>{c.customer.name}</Link>{' '}
                      <span className="muted">
                        {t('common.since')} {formatDate(c.from, i18n.language)}
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            ))
          )}
        </Panel>
        <Panel title={t('engineer.cases')} id="cases">
          {e.ownedCases.length === 0 ? (
            <Empty />
          ) : (
            <ul className="rows">
              {e.ownedCases.map((k) => (
                <li key={k.id}>
                  <span className={`badge sev-${k.severity}`}>
                    <EnumLabel value={k.severity} />
                  </span>{' '}
                  {k.title} {k.customer && <Link to={`/customers/${k.customer.id}`}>{k.customer.name}</Link>}
                  <div className="sub">
                    <SlaClock sla={k.sla} fetchedAt={fetchedAt} />
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title={t('engineer.handoffs')} id="handoffs">
          {e.handoffs.length === 0 ? (
            <Empty />
          ) : (
            <ul>
              {e.handoffs.map((h) => (
                <li key={h.id}>
                  <Link to={`/handoffs/${h.id}`}>{h.id}</Link> · {h.from.id === e.id ? t('engineer.given') : t('engineer.received')} ·{' '}
                  <EnumLabel value={h.reason} /> · <EnumLabel value={h.status} /> · {formatDate(h.effectiveAt, i18n.language)} ·{' '}
                  {h.summary.open}/{h.summary.total}
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title={t('engineer.attention')} id="attention">
          {e.attention.length === 0 ? (
            <Empty />
          ) : (
            <ul>
              {e.attention.map((r) => (
                <li key={r.customer.id}>
                  <Link to={`/customers/${r.customer.id}`}>{r.customer.name}</Link>{' '}
                  <span className="muted">{r.flags.map((f) => f.code).join(', ')}</span>
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
    </div>
  );
}
