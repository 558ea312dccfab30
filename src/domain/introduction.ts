import { escalationPath, type EscalationCandidate } from './coverage';

/**
 * The customer introduction (case C4): who now covers the customer, in which role, with phone; our
 * escalation path; and the customer's people who must hear it (on-duty staff and their supervisors
 * from the reporting line). Pure: the repository reads, this builds and renders.
 */
export const INTRODUCED_ROLES = ['PRIMARY', 'BACKUP', 'PARTNER_ONSITE'];

export const ROLE_NAMES: Record<'en' | 'zh', Record<string, string>> = {
  en: {
    PRIMARY: 'primary engineer',
    BACKUP: 'backup engineer',
    PARTNER_ONSITE: 'on-site partner engineer',
    ACCOUNT_OWNER: 'account owner',
    SPECIALIST: 'specialist',
  },
  zh: {
    PRIMARY: '主责工程师',
    BACKUP: '备份工程师',
    PARTNER_ONSITE: '合作伙伴驻场工程师',
    ACCOUNT_OWNER: '客户经理',
    SPECIALIST: '技术专家',
  },
};

export interface IntroductionPerson {
  id: string;
  name: string;
  role: string;
  phone: string | null;
}

export interface IntroductionInputs {
  customerId: string;
  customerName: string;
  role: string;
  engineer: { id: string; name: string; phone: string | null };
  effectiveAt: string;
  coverage: EscalationCandidate[];
  onDuty: (IntroductionPerson & { supervisors: IntroductionPerson[] })[];
  handoffId: string | null;
}

export type Templates = Record<'en' | 'zh', string>;

/** `{{name}}` placeholders; unknown ones are left as they are, so a template typo shows. */
export function renderTemplate(template: string, vars: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => (key in vars ? vars[key] : whole));
}

export function buildIntroduction(inputs: IntroductionInputs, templates: Templates) {
  const steps = escalationPath(inputs.coverage).filter((s) => s.order > 0);
  const clean: (IntroductionPerson & { reason: string })[] = [];
  const add = (p: IntroductionPerson, reason: string) => {
    if (!clean.some((c) => c.id === p.id)) clean.push({ id: p.id, name: p.name, role: p.role, phone: p.phone, reason });
  };
  for (const d of inputs.onDuty) {
    add(d, 'ON_DUTY');
    for (const s of d.supervisors) add(s, `SUPERVISOR_OF:${d.id}`);
  }
  const text = {} as Record<'en' | 'zh', string>;
  for (const lang of ['en', 'zh'] as const) {
    text[lang] = renderTemplate(templates[lang], {
      contactNames: clean.map((c) => c.name).join(lang === 'zh' ? '、' : ', ') || (lang === 'zh' ? '客户' : 'customer'),
      effectiveDate: inputs.effectiveAt.slice(0, 10),
      engineerName: inputs.engineer.name,
      engineerPhone: inputs.engineer.phone ?? '-',
      roleName: ROLE_NAMES[lang][inputs.role] ?? inputs.role,
      customerName: inputs.customerName,
      escalation: steps.map((s) => `${s.order}. ${s.name} (${ROLE_NAMES[lang][s.role] ?? s.role}) ${s.phone ?? '-'}`).join('\n'),
    });
  }
  return {
    customerId: inputs.customerId,
    customerName: inputs.customerName,
    role: inputs.role,
    effectiveAt: inputs.effectiveAt,
    handoffId: inputs.handoffId,
    engineer: { id: inputs.engineer.id, name: inputs.engineer.name, phone: inputs.engineer.phone },
    escalation: steps.map((s) => ({ order: s.order, role: s.role, id: s.engineerId, name: s.name, phone: s.phone })),
    contacts: clean,
    text,
  };
}
