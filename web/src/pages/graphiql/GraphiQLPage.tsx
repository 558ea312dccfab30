import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { GraphiQL } from 'graphiql';
import { useSession } from '../../auth';
import { EXAMPLES } from './examples';

/** GraphiQL, bundled (no CDN), in its own lazy chunk; sends the signed-in credential. */
export default function GraphiQLPage() {
  const { headers } = useSession();
  const fetcher = async (params: unknown) => {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers() },
      body: JSON.stringify(params),
    });
    return res.json();
  };
  return (
    <div className="graphiql-box">
      <GraphiQL fetcher={fetcher} defaultTabs={EXAMPLES} />
    </div>
  );
}
