import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { AttentionListDocument } from '../../gql/graphql';
import { ErrorBox, Loading } from '../../components/common';

export function HomePage() {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useQuery({ query: AttentionListDocument, variables: { first: 8 } });
  return (
    <div className="page">
      <h1>{t('home.title')}</h1>
      <p>{t('home.intro')}</p>
      <section className="panel" aria-labelledby="home-top">
        <h2 id="home-top">{t('home.top')}</h2>
        {fetching && !data && <Loading />}
        {error && <ErrorBox error={error} />}
        <ol>
          {data?.attention.edges.map(({ node }) => (
            <li key={node.customer.id}>
              <Link to={`/customers/${node.customer.id}`}>{node.customer.name}</Link>{' '}
              <span className="muted">{node.flags.map((f) => f.code).join(', ')}</span>
            </li>
          ))}
        </ol>
        <Link to="/attention">{t('attention.title')} →</Link>
      </section>
    </div>
  );
}
