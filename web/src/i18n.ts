import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

const en = {
  app: { name: 'Rapport', skip: 'Skip to content', language: 'Language', timezone: 'Time zone' },
  nav: { home: 'Home', attention: 'Attention', handoff: 'Start a handoff', graphiql: 'GraphiQL', signIn: 'Sign in', signOut: 'Sign out' },
  search: {
    label: 'Search customers, contacts, engineers, devices',
    placeholder: 'Search: name, pinyin or serial…',
    none: 'Nothing found',
    hint: 'Type, use ↑ ↓ and Enter',
  },
  kind: { Customer: 'Customer', Contact: 'Contact', Engineer: 'Engineer', Device: 'Device' },
  home: {
    title: 'Who covers whom, and whom to call',
    intro: 'Search a customer in the header, or start from the attention list.',
    top: 'Needs attention now',
  },
  common: {
    loading: 'Loading…', error: 'Something went wrong', notFound: 'Not found', none: 'None', history: 'Change history',
    save: 'Save', cancel: 'Cancel', note: 'Note', reason: 'Reason', since: 'since', until: 'until', today: 'today', open: 'open',
    due: 'due', overdue: 'overdue', owner: 'Owner', noOwner: 'no owner', print: 'Print', more: 'Show more',
  },
  customer: {
    tier: 'Tier', region: 'Region', asOf: 'As of', now: 'Now', coverage: 'Who covers', escalation: 'Escalation path (call in this order)',
    contacts: 'Contacts', reportsTo: 'reports to', devices: 'Devices', cases: 'Open cases', commitments: 'Open commitments',
    lastHandoff: 'Last handoff: open items', lastContact: 'Last customer contact', flags: 'Flags', timeline: 'Coverage timeline',
    graph: 'Relationship picture', graphShow: 'Show the relationship picture', skipped: 'skip', noCoverage: 'Nobody covers this customer',
    evidence: 'Evidence', asOfNote: 'Coverage shown as of {{date}}; other panels show today.',
  },
  warn: { TRANSFERRED: 'transferred', ON_LEAVE: 'on leave', LEFT: 'left', ARCHIVED: 'archived' },
  sla: { left: '{{time}} left', over: 'overdue by {{time}}', closed: 'closed', silent: 'silent {{hours}} h (limit {{limit}} h)', breached: 'SLA breached' },
  engineer: { portfolio: 'Portfolio by role', cases: 'Open cases owned', handoffs: 'Handoffs given and received', attention: 'Attention', given: 'given', received: 'received' },
  attention: {
    title: 'Attention list', region: 'Region', tier: 'Tier', flag: 'Flag', engineer: 'Engineer', all: 'All', score: 'Score',
    count: '{{count}} customers', expand: 'Evidence', customer: 'Customer', flags: 'Flags',
  },
  handoff: {
    newTitle: 'Start a handoff', outgoing: 'Engineer who is leaving', reason: 'Reason', effectiveAt: 'Effective', until: 'Until (vacation)',
    plan: 'Show the plan', successorFor: 'Successor for {{name}}', start: 'Start the handoff', warnings: 'Warnings', items: 'Checklist',
    assignments: 'Assignments', choose: 'Choose…', checklist: 'Handoff checklist', left: '{{open}} of {{total}} items left',
    complete: 'Done', waive: 'Waive', completeAll: 'Complete the handoff', force: 'Force completion', forceReason: 'Why force it with items open',
    download: 'Download', csv: 'CSV', markdown: 'Markdown', printView: 'Print view', status: 'Status', from: 'From', to: 'To',
    needReason: 'A reason is required', stepChoose: '1. Who and why', stepAssign: '2. Successors per customer', stepReview: '3. Review and start',
    nothingLeft: 'Nothing left: the handoff can be completed.',
  },
  history: { title: 'Change history: {{name}}', at: 'When', actor: 'Who', op: 'What', fields: 'Fields' },
  signin: {
    title: 'Sign in', help: 'Paste an API key (rpk_…) or a JWT given to you by your administrator.', token: 'API key or JWT',
    submit: 'Sign in', signedInAs: 'Signed in as {{actor}}', roles: 'Roles', regions: 'Regions', allRegions: 'all regions',
    localDev: 'Local development mode: authentication is off, everyone is ADMIN.', failed: 'That credential was refused: {{message}}',
    masked: 'Phones and e-mails are masked for your role.',
  },
  enum: {
    PRIMARY: 'Primary', BACKUP: 'Backup', PARTNER_ONSITE: 'Partner on-site', PRODUCT_LEAD: 'Product lead', SERVICE_MANAGER: 'Service manager', ACCOUNT_MANAGER: 'Account manager',
    ROTATION: 'Rotation', TRANSFER: 'Transfer', LEAVE: 'Leaving', VACATION: 'Vacation',
    OPEN: 'Open', DONE: 'Done', WAIVED: 'Waived', PLANNED: 'Planned', IN_PROGRESS: 'In progress', COMPLETED: 'Completed', CANCELLED: 'Cancelled',
    VISIT_CUSTOMER: 'Visit the customer', INTRODUCE_CONTACT: 'Introduce to contact', TRANSFER_CASE: 'Transfer case', TRANSFER_COMMITMENT: 'Transfer promise', SHARE_ESCALATION_PATH: 'Share escalation path',
    ACTIVE: 'Active', EXPIRING: 'Expiring', EXPIRED: 'Expired', UNKNOWN: 'No contract date',
    CRITICAL: 'Critical', MAJOR: 'Major', MINOR: 'Minor', VIP: 'VIP', KEY: 'Key', STANDARD: 'Standard',
    ON_DUTY: 'On duty', ENGINEER: 'Engineer', SUPERVISOR: 'Supervisor', MANAGER: 'Manager', EXECUTIVE: 'Executive',
  },
};

type Tree = { [k: string]: string | Tree };

const zh: Tree = {
  app: { name: 'Rapport', skip: '跳到正文', language: '语言', timezone: '时区' },
  nav: { home: '首页', attention: '关注清单', handoff: '发起交接', graphiql: 'GraphiQL', signIn: '登录', signOut: '退出' },
  search: { label: '搜索客户、联系人、工程师、设备', placeholder: '搜索：名称、拼音、序列号…', none: '没有结果', hint: '输入，↑ ↓ 选择，回车打开' },
  kind: { Customer: '客户', Contact: '联系人', Engineer: '工程师', Device: '设备' },
  home: { title: '谁负责哪个客户，出事找谁', intro: '在上方搜索客户，或从关注清单开始。', top: '当前需要关注' },
  common: {
    loading: '加载中…', error: '出错了', notFound: '未找到', none: '无', history: '变更记录', save: '保存', cancel: '取消', note: '备注', reason: '原因',
    since: '自', until: '至', today: '今天', open: '未完成', due: '到期', overdue: '已逾期', owner: '负责人', noOwner: '无负责人', print: '打印', more: '更多',
  },
  customer: {
    tier: '级别', region: '区域', asOf: '查看日期', now: '现在', coverage: '当前负责', escalation: '升级路径（按顺序拨打）', contacts: '联系人',
    reportsTo: '上级', devices: '设备', cases: '未关闭工单', commitments: '未兑现承诺', lastHandoff: '最近交接：未完成事项', lastContact: '最近一次客户沟通',
    flags: '风险标记', timeline: '负责历史', graph: '关系图', graphShow: '显示关系图', skipped: '跳过', noCoverage: '该客户无人负责', evidence: '依据',
    asOfNote: '负责人为 {{date}} 的情况；其他栏目为今天。',
  },
  warn: { TRANSFERRED: '已调岗', ON_LEAVE: '休假中', LEFT: '已离职', ARCHIVED: '已归档' },
  sla: { left: '剩余 {{time}}', over: '已超时 {{time}}', closed: '已关闭', silent: '已 {{hours}} 小时未联系（上限 {{limit}} 小时）', breached: 'SLA 已违约' },
  engineer: { portfolio: '负责客户（按角色）', cases: '负责的未关闭工单', handoffs: '交出与接收的交接', attention: '关注', given: '交出', received: '接收' },
  attention: { title: '关注清单', region: '区域', tier: '级别', flag: '标记', engineer: '工程师', all: '全部', score: '分数', count: '{{count}} 个客户', expand: '依据', customer: '客户', flags: '标记' },
  handoff: {
    newTitle: '发起交接', outgoing: '离开的工程师', reason: '原因', effectiveAt: '生效时间', until: '截止（休假）', plan: '生成计划', successorFor: '{{name}} 的接任者',
    start: '开始交接', warnings: '警告', items: '清单', assignments: '分配', choose: '请选择…', checklist: '交接清单', left: '还剩 {{open}} / {{total}} 项',
    complete: '完成', waive: '豁免', completeAll: '完成交接', force: '强制完成', forceReason: '有未完成事项仍强制完成的原因', download: '下载', csv: 'CSV', markdown: 'Markdown',
    printView: '打印视图', status: '状态', from: '交出', to: '接收', needReason: '必须填写原因', stepChoose: '1. 谁、为什么', stepAssign: '2. 每个客户的接任者',
    stepReview: '3. 确认并开始', nothingLeft: '已无未完成事项，可以完成交接。',
  },
  history: { title: '变更记录：{{name}}', at: '时间', actor: '操作人', op: '操作', fields: '字段' },
  signin: {
    title: '登录', help: '粘贴管理员发给您的 API 密钥（rpk_…）或 JWT。', token: 'API 密钥或 JWT', submit: '登录', signedInAs: '当前用户 {{actor}}', roles: '角色',
    regions: '区域', allRegions: '全部区域', localDev: '本地开发模式：未启用认证，所有人都是管理员。', failed: '凭证被拒绝：{{message}}', masked: '您的角色看不到完整的电话和邮箱。',
  },
  enum: {
    PRIMARY: '主责', BACKUP: '备份', PARTNER_ONSITE: '合作方驻场', PRODUCT_LEAD: '产品负责人', SERVICE_MANAGER: '服务经理', ACCOUNT_MANAGER: '客户经理',
    ROTATION: '轮岗', TRANSFER: '调岗', LEAVE: '离职', VACATION: '休假', OPEN: '未完成', DONE: '已完成', WAIVED: '已豁免', PLANNED: '计划中', IN_PROGRESS: '进行中',
    COMPLETED: '已完成', CANCELLED: '已取消', VISIT_CUSTOMER: '拜访客户', INTRODUCE_CONTACT: '引见联系人', TRANSFER_CASE: '移交工单', TRANSFER_COMMITMENT: '移交承诺',
    SHARE_ESCALATION_PATH: '告知升级路径', ACTIVE: '在保', EXPIRING: '即将过保', EXPIRED: '已过保', UNKNOWN: '无合同日期', CRITICAL: '紧急', MAJOR: '重要', MINOR: '一般',
    VIP: 'VIP', KEY: '重点', STANDARD: '标准', ON_DUTY: '值班', ENGINEER: '工程师', SUPERVISOR: '主管', MANAGER: '经理', EXECUTIVE: '高管',
  },
};

export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The stored choice, else the browser's language (Chinese for zh-*), else English. */
export function initialLanguage(stored: string | null, browser: readonly string[]): Language {
  if (stored === 'en' || stored === 'zh') return stored;
  for (const l of browser) {
    if (l.toLowerCase().startsWith('zh')) return 'zh';
    if (l.toLowerCase().startsWith('en')) return 'en';
  }
  return 'en';
}

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('rapport.lang') : null;
const browser = typeof navigator !== 'undefined' ? navigator.languages ?? [navigator.language] : [];

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, zh: { translation: zh } },
  lng: initialLanguage(stored, browser),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

i18n.on('languageChanged', (lng) => {
  if (typeof document !== 'undefined') document.documentElement.lang = lng === 'zh' ? 'zh-CN' : 'en';
});
if (typeof document !== 'undefined') document.documentElement.lang = i18n.language === 'zh' ? 'zh-CN' : 'en';

export default i18n;
