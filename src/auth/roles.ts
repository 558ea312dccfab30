/** Who may do what (issue #7). */
export enum Role {
  VIEWER = 'VIEWER',
  ACCOUNT_MANAGER = 'ACCOUNT_MANAGER',
  SERVICE_MANAGER = 'SERVICE_MANAGER',
  ADMIN = 'ADMIN',
}

export const ALL_ROLES = Object.values(Role) as string[];

export interface Principal {
  /** Shown in the change history and logs: `key:<id>` for applications, `user:<sub>` for people. */
  actor: string;
  kind: 'api-key' | 'user' | 'local-dev' | 'system';
  keyId?: string;
  roles: Role[];
  /** Region ids granted (null = everywhere: ADMIN and local development). */
  regions: string[] | null;
}

export const isAdmin = (p: Principal) => p.roles.includes(Role.ADMIN);

/** Personal data (phones, e-mails) is shown in clear to these roles. */
export const seesPersonalData = (p: Principal) =>
  p.roles.some((r) => r === Role.ADMIN || r === Role.ACCOUNT_MANAGER || r === Role.SERVICE_MANAGER);

/** Writes of cases, interactions, commitments and handoffs (in their regions). */
export const mayWriteOperations = seesPersonalData;

/** Writes of master data (customers, engineers, regions, coverage...), keys and imports. */
export const mayWriteMasterData = isAdmin;

export const LOCAL_DEV: Principal = { actor: 'local-dev', kind: 'local-dev', roles: [Role.ADMIN], regions: null };
