import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { ChangeHistoryDocument } from '../../gql/graphql';
import { Empty, ErrorBox, Loading } from '../../components/common';
import { formatDateTime } from '../../lib/format';

export function HistoryPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [{ data, error }] = useQuery({ query: ChangeHistoryDocument, variables: { entityId: id, first: 100 } });
  if (error && !data) return <ErrorBox error={error} />;
  if (!data) return <Loading />;
  const n = data.node as { name?: string; title?: string } | null;
  const name = n?.name ?? n?.title ?? id;
  return (
    <div className="page">
      <h1>{t('history.title', { name })}</h1>
      {data.changes.edges.length === 0 ? (
        <Empty />
      ) : (
        <table data-testid="history">
          <thead>
            <tr>
              <th scope="col">{t('history.at')}</th>
              <th scope="col">{t('history.actor')}</th>
              <th scope="col">{t('history.op')}</th>
              <th scope="col">{t('history.fields')}</th>
            </tr>
          </thead>
          <tbody>
            {data.changes.edges.map(({ node }) => (
              <tr key={node.id}>
                <td>{formatDateTime(node.at, i18n.language)}</td>
                <td>{node.actor}</td>
                <td>
                  {node.op}
                  {node.summary ? ` · ${node.summary}` : ''}
                </td>
                <td>
                  <ul>
                    {node.fields.map((f) => (
                      <li key={f.field}>
                        <code>{f.field}</code>: {f.before || '∅'} → {f.after || '∅'}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
