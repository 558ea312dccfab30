import { useEffect, useRef } from 'react';
import cytoscape from 'cytoscape';
import { useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { CustomerGraphDocument } from '../../gql/graphql';
import { ErrorBox, Loading } from '../../components/common';

/** The customer, its contacts and their reporting lines, our engineers and partner engineers; click to open. */
export default function RelationshipGraph({ customerId }: { customerId: string }) {
  const [{ data, error }] = useQuery({ query: CustomerGraphDocument, variables: { id: customerId } });
  const box = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  useEffect(() => {
    const c = data?.customer;
    if (!c || !box.current) return;
    const elements: cytoscape.ElementDefinition[] = [{ data: { id: c.id, label: c.name, kind: 'customer' } }];
    for (const p of c.contacts) {
      elements.push({ data: { id: p.id, label: `${p.name} (${p.role})`, kind: 'contact' } });
      elements.push({ data: { id: `${p.id}-works`, source: p.id, target: c.id, label: '' } });
    }
    const contactIds = new Set(c.contacts.map((p) => p.id));
    for (const p of c.contacts) {
      if (p.reportsTo && contactIds.has(p.reportsTo.id))
        elements.push({ data: { id: `${p.id}-rep`, source: p.id, target: p.reportsTo.id, label: 'reports to', kind: 'reports' } });
    }
    const seen = new Set<string>();
    for (const cov of c.coverage) {
      const e = cov.engineer;
      if (!seen.has(e.id)) {
        seen.add(e.id);
        elements.push({
          data: {
            id: e.id,
            label: e.partner ? `${e.name} · ${e.partner.name}` : e.name,
            kind: e.kind === 'PARTNER' ? 'partner' : 'engineer',
          },
        });
      }
      elements.push({ data: { id: `${cov.id}`, source: e.id, target: c.id, label: cov.role, kind: 'covers' } });
    }
    const cy = cytoscape({
      container: box.current,
      elements,
      layout: { name: 'cose', animate: false },
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            'font-size': 10,
            'background-color': '#6b7a90',
            color: '#1b2330',
            'text-valign': 'bottom',
            'text-margin-y': 4,
          },
        },
        { selector: 'node[kind="customer"]', style: { 'background-color': '#b4232c', width: 40, height: 40, 'font-weight': 'bold' } },
        { selector: 'node[kind="engineer"]', style: { 'background-color': '#1d5fb4', shape: 'round-rectangle' } },
        { selector: 'node[kind="partner"]', style: { 'background-color': '#8a5a00', shape: 'diamond' } },
        {
          selector: 'edge',
          style: { width: 1, 'line-color': '#b8c0cc', 'curve-style': 'bezier', label: 'data(label)', 'font-size': 8, color: '#4a5566' },
        },
        {
          selector: 'edge[kind="reports"]',
          style: { 'target-arrow-shape': 'triangle', 'line-style': 'dashed', 'target-arrow-color': '#888' },
        },
      ],
    });
    cy.on('tap', 'node', (evt) => {
      const id = evt.target.id() as string;
      if (id.startsWith('eng_')) navigate(`/engineers/${id}`);
      else if (id.startsWith('cus_')) navigate(`/customers/${id}`);
      else navigate(`/history/${id}`);
    });
    return () => cy.destroy();
  }, [data, navigate]);
  if (error) return <ErrorBox error={error} />;
  if (!data) return <Loading />;
  return (
    <div
      ref={box}
      className="graph"
      data-testid="relationship-graph"
      role="img"
      aria-label="Relationship picture: contacts, reporting lines and engineers"
    />
  );
}
