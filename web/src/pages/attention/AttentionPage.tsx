import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import {
  AttentionListDocument,
  EngineerChoicesDocument,
  type AttentionFilter,
  type AttentionListQuery,
  type CustomerTier,
  type Flag,
} from '../../gql/graphql';

const PAGE = 15;
import { EnumLabel, ErrorBox, Loading } from '../../components/common';
import { FlagEvidenceList } from './FlagEvidenceList';

const TIERS: CustomerTier[] = ['VIP', 'KEY', 'STANDARD'];
const FLAGS: Flag[] = [
  'NO_PRIMARY_COVERAGE',
  'COVERED_BY_INACTIVE_ENGINEER',
  'NO_BACKUP',
  'NO_CONTACT_IN_DAYS',
  'CASE_WITHOUT_OWNER',
  'CASE_MANY_HANDS_NO_OWNER',
  'CASE_CUSTOMER_SILENCE',
  'SLA_BREACHED',
  'MAINTENANCE_EXPIRED',
  'MAINTENANCE_EXPIRING',
  'HANDOFF_ITEMS_OPEN',
  'COMMITMENT_OVERDUE',
  'ENGINEER_OVERLOADED',
  'SEVERE_CASE_MANAGEMENT_NOT_INFORMED',
];

export function AttentionPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter: AttentionFilter = {
    region: params.get('region') || undefined,
    tier: (params.get('tier') as CustomerTier) || undefined,
    flag: (params.get('flag') as Flag) || undefined,
    engineer: params.get('engineer') || undefined,
  };
  const [{ data, fetching, error }] = useQuery({ query: AttentionListDocument, variables: { filter, first: PAGE } });
  // Relay paging: each further page asks for `after` the previous page's endCursor.
  const [cursors, setCursors] = useState<string[]>([]);
  const filterKey = JSON.stringify(filter);
  const [pagedFor, setPagedFor] = useState(filterKey);
  if (pagedFor !== filterKey) {
    setPagedFor(filterKey);
    setCursors([]);
  }
  const [{ data: engineers }] = useQuery({ query: EngineerChoicesDocument });
  const [expanded, setExpanded] = useState<string | null>(null);
  const regions = useMemo(() => {
    const m = new Map<string, string>();
    for (const e of engineers?.engineers.edges ?? []) if (e.node.region) m.set(e.node.region.id, e.node.region.name);
    for (const e of data?.attention.edges ?? []) if (e.node.customer.region) m.set(e.node.customer.region.id, e.node.customer.region.name);
    return [...m].sort((a, b) => a[1].localeCompare(b[1]));
  }, [engineers, data]);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  return (
    <div className="page">
      <h1>{t('attention.title')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('attention.region')}{' '}
          <select value={filter.region ?? ''} onChange={(e) => set('region', e.target.value)}>
            <option value="">{t('attention.all')}</option>
            {regions.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('attention.tier')}{' '}
          <select value={filter.tier ?? ''} onChange={(e) => set('tier', e.target.value)}>
            <option value="">{t('attention.all')}</option>
            {TIERS.map((x) => (
              <option key={x} value={x}>
                {t(`enum.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('attention.flag')}{' '}
          <select value={filter.flag ?? ''} onChange={(e) => set('flag', e.target.value)}>
            <option value="">{t('attention.all')}</option>
            {FLAGS.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('attention.engineer')}{' '}
          <select value={filter.engineer ?? ''} onChange={(e) => set('engineer', e.target.value)}>
            <option value="">{t('attention.all')}</option>
            {engineers?.engineers.edges.map(({ node }) => (
              <option key={node.id} value={node.id}>
                {node.name}
              </option>
            ))}
          </select>
        </label>
      </form>
      {error && <ErrorBox error={error} />}
      {fetching && !data && <Loading />}
      {data && <p className="muted">{t('attention.count', { count: data.attention.totalCount })}</p>}
      <table className="attention" data-testid="attention-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('attention.customer')}</th>
            <th scope="col">{t('attention.tier')}</th>
            <th scope="col">{t('attention.score')}</th>
            <th scope="col">{t('attention.flags')}</th>
            <th scope="col">{t('attention.expand')}</th>
          </tr>
        </thead>
        <AttentionRows edges={data?.attention.edges ?? []} offset={0} expanded={expanded} setExpanded={setExpanded} />
        {cursors.map((after, i) => (
          <AttentionChunk
            key={after}
            filter={filter}
            after={after}
            offset={PAGE * (i + 1)}
            expanded={expanded}
            setExpanded={setExpanded}
            onMore={i === cursors.length - 1 ? (c) => setCursors([...cursors, c]) : undefined}
          />
        ))}
      </table>
      {cursors.length === 0 && data?.attention.pageInfo.hasNextPage && data.attention.pageInfo.endCursor && (
        <button type="button" onClick={() => setCursors([data.attention.pageInfo.endCursor!])}>
          {t('common.more')}
        </button>
      )}
    </div>
  );
}

type Edges = AttentionListQuery['attention']['edges'];

function AttentionChunk({
  filter,
  after,
  offset,
  expanded,
  setExpanded,
  onMore,
}: {
  filter: AttentionFilter;
  after: string;
  offset: number;
  expanded: string | null;
  setExpanded(id: string | null): void;
  onMore?: (cursor: string) => void;
}) {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: AttentionListDocument, variables: { filter, first: PAGE, after } });
  const page = data?.attention;
  return (
    <>
      <AttentionRows edges={page?.edges ?? []} offset={offset} expanded={expanded} setExpanded={setExpanded} />
      {onMore && page?.pageInfo.hasNextPage && page.pageInfo.endCursor && (
        <tbody>
          <tr>
            <td colSpan={6}>
              <button type="button" onClick={() => onMore(page.pageInfo.endCursor!)}>
                {t('common.more')}
              </button>
            </td>
          </tr>
        </tbody>
      )}
    </>
  );
}

function AttentionRows({
  edges,
  offset,
  expanded,
  setExpanded,
}: {
  edges: Edges;
  offset: number;
  expanded: string | null;
  setExpanded(id: string | null): void;
}) {
  const { t } = useTranslation();
  return (
    <tbody>
      {edges.map(({ node }, i) => {
        const open = expanded === node.customer.id;
        return [
          <tr key={node.customer.id} data-testid="attention-row">
            <td>{offset + i + 1}</td>
            <td>
              <Link to={`/customers/${node.customer.id}`}>{node.customer.name}</Link>{' '}
              <span className="muted">{node.customer.region?.name}</span>
            </td>
            <td>
              <EnumLabel value={node.customer.tier} />
            </td>
            <td>{Math.round(node.score)}</td>
            <td>
              {node.flags.map((f) => (
                <span key={f.code} className="badge danger" title={f.message}>
                  {f.code}
                </span>
              ))}
            </td>
            <td>
              <button
                type="button"
                aria-expanded={open}
                aria-controls={`ev-${node.customer.id}`}
                onClick={() => setExpanded(open ? null : node.customer.id)}
              >
                {open ? '−' : '+'}
                <span className="sr-only">
                  {' '}
                  {t('attention.expand')} {node.customer.name}
                </span>
              </button>
            </td>
          </tr>,
          open && (
            <tr key={`${node.customer.id}-ev`} id={`ev-${node.customer.id}`}>
              <td colSpan={6}>
                <ul>
                  {node.flags.map((f) => (
                    <li key={f.code}>
                      <strong>{f.code}</strong>: {f.message}
                      <FlagEvidenceList evidence={f.evidence} customerId={node.customer.id} />
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ),
        ];
      })}
    </tbody>
  );
}
