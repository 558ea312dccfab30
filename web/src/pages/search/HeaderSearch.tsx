import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useClient } from 'urql';
import { HeaderSearchDocument, type HeaderSearchQuery } from '../../gql/graphql';

type Hit = HeaderSearchQuery['search'][number];

export function hitHref(hit: Hit): string {
  const n = hit.node as { id: string; customer?: { id: string } | null };
  if (hit.kind === 'Engineer') return `/engineers/${n.id}`;
  if (hit.kind === 'Contact' || hit.kind === 'Device') return n.customer ? `/customers/${n.customer.id}#${n.id}` : `/history/${n.id}`;
  return `/customers/${n.id}`;
}

function hitName(hit: Hit): { name: string; sub: string } {
  const n = hit.node as {
    name?: string;
    nameLatin?: string | null;
    title?: string | null;
    model?: string;
    customer?: { name: string } | null;
  };
  return { name: n.name ?? hit.matched, sub: [n.nameLatin, n.title, n.model, n.customer?.name].filter(Boolean).join(' · ') };
}

/** Keyboard-first search (combobox): type, ↑ ↓ to choose, Enter to open, Escape to close. */
export function HeaderSearch() {
  const { t } = useTranslation();
  const client = useClient();
  const navigate = useNavigate();
  const listId = useId();
  const [text, setText] = useState('');
  const [found, setHits] = useState<Hit[]>([]);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const q = text.trim();
    if (q.length < 2) return;
    let live = true;
    const timer = setTimeout(async () => {
      const res = await client.query(HeaderSearchDocument, { text: q }, { requestPolicy: 'network-only' }).toPromise();
      if (!live) return;
      setHits(res.data?.search ?? []);
      setActive(0);
      setOpen(true);
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, client]);

  // Fewer than two characters ask nothing: no hits are shown (the last answer is kept but not used).
  const hits = text.trim().length < 2 ? [] : found;

  const go = (hit: Hit | undefined) => {
    if (!hit) return;
    setOpen(false);
    setText('');
    navigate(hitHref(hit));
  };

  return (
    <div className="search" role="search">
      <label htmlFor={`${listId}-input`} className="sr-only">
        {t('search.label')}
      </label>
      <input
        id={`${listId}-input`}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open && text.trim().length >= 2}
        aria-controls={`${listId}-list`}
        aria-activedescendant={open && hits[active] ? `${listId}-opt-${active}` : undefined}
        placeholder={t('search.placeholder')}
        value={text}
        autoComplete="off"
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, hits.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            go(hits[active]);
          } else if (e.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      <ul id={`${listId}-list`} role="listbox" aria-label={t('search.label')} className="hits" hidden={!open || text.trim().length < 2}>
        {hits.length === 0 && (
          <li className="muted" role="option" aria-selected={false} aria-disabled>
            {t('search.none')}
          </li>
        )}
        {hits.map((hit, i) => {
          const { name, sub } = hitName(hit);
          return (
            <li
              key={hit.node.id}
              id={`${listId}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                go(hit);
              }}
            >
              <span className="kind">{t(`kind.${hit.kind}`)}</span> <strong>{name}</strong> {sub && <span className="muted">{sub}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
