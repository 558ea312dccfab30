import { Link } from 'react-router';
import { hrefOf } from '../../components/common';

interface Evidence {
  caseIds?: string[] | null;
  engineerIds?: string[] | null;
  contactIds?: string[] | null;
  deviceIds?: string[] | null;
  handoffItemIds?: string[] | null;
  commitmentIds?: string[] | null;
  interactionIds?: string[] | null;
  hours?: number | null;
  days?: number | null;
  count?: number | null;
}

/** A flag's evidence: the records behind it, each a link, and its figures. */
export function FlagEvidenceList({ evidence, customerId }: { evidence: Evidence; customerId: string }) {
  const ids = [
    ...(evidence.caseIds ?? []),
    ...(evidence.engineerIds ?? []),
    ...(evidence.contactIds ?? []),
    ...(evidence.deviceIds ?? []),
    ...(evidence.commitmentIds ?? []),
    ...(evidence.interactionIds ?? []),
    ...(evidence.handoffItemIds ?? []),
  ];
  const figures = [
    evidence.hours != null && `${evidence.hours} h`,
    evidence.days != null && `${evidence.days} d`,
    evidence.count != null && `× ${evidence.count}`,
  ].filter(Boolean);
  return (
    <ul className="evidence">
      {ids.map((id) => (
        <li key={id}>
          <Link to={hrefOf(id, { customerId })}>{id}</Link>
        </li>
      ))}
      {figures.length > 0 && <li className="muted">{figures.join(' · ')}</li>}
    </ul>
  );
}
