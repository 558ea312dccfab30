import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importPath } from '../src/import/import-files';
import { ExpertsDocument, OperationAuthorisationsDocument, OperationFlagsDocument, SearchDocument } from './generated/graphql';
import { testEngines } from './support/engines';
import { Harness } from './support/harness';

const NOW = new Date('2025-11-01T00:00:00.000Z');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-knowledge-'));
  const files: Record<string, string> = {
    'regions.csv': 'id,name,kind\nreg_gd,Guangdong,PROVINCE\n',
    'customers.csv': 'id,name,tier,regionId\ncus_sz,China Mobile Shenzhen,KEY,reg_gd\n',
    // Engineer skills: a list in JSON, `;`-separated in CSV.
    'engineers.csv':
      'id,name,kind,skills,regionId\neng_hw,Huang Wen,PARTNER,OTN;Upgrades;OSN 9800,reg_gd\neng_zh,Zheng Hua,EMPLOYEE,Service management,reg_gd\n',
    'contacts.csv': 'id,name,role,reportsToId\ncon_sup,Xie Wenbin,SUPERVISOR,\ncon_duty,Luo Jiahao,ON_DUTY,con_sup\n',
    'employments.csv': 'contactId,customerId,from\ncon_sup,cus_sz,2019-01-01T00:00:00Z\ncon_duty,cus_sz,2023-01-01T00:00:00Z\n',
    'devices.csv': 'id,serial,model,softwareVersion,customerId\ndev_9800,SN-9800,OSN 9800,V100R022,cus_sz\n',
    'operations.csv':
      'id,kind,status,startedAt,doneAt,toVersion,compatibilityCheckedBy,compatibilityCheckedAt,deviceId,performedById,informedIds\n' +
      'opr_up,UPGRADE,DONE,2025-10-21T00:10:00Z,2025-10-21T03:20:00Z,V100R023,eng_hw,2025-10-20T08:00:00Z,dev_9800,eng_hw,con_duty;con_sup\n' +
      'opr_mask,ALARM_MASK,DONE,2025-10-21T03:40:00Z,2025-10-21T03:55:00Z,,,,dev_9800,eng_hw,con_duty\n',
    'operation-customer-authorisations.csv': 'operationId,contactId,side,at\nopr_up,con_sup,CUSTOMER,2025-10-20T09:00:00Z\n',
    'operation-our-authorisations.csv': 'operationId,engineerId,side,at\nopr_up,eng_zh,OURS,2025-10-20T09:00:00Z\n',
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(testEngines())('importing operations and engineer skills on $name', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    const store = await engine.open();
    const report = await importPath(store, dir);
    expect(report.errors ?? []).toEqual([]);
    h = await Harness.start(engine, { store });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('imported operations carry their authorisations and raise the flags', async () => {
    const up = (await h.data(OperationAuthorisationsDocument, { id: 'opr_up' }, { now: NOW })).node as {
      risk: string;
      authorisations: { side: string; by: { id: string } }[];
    };
    expect(up.risk).toBe('HIGH');
    expect(up.authorisations.map((a) => [a.side, a.by.id])).toEqual([
      ['CUSTOMER', 'con_sup'],
      ['OURS', 'eng_zh'],
    ]);
    const flags = (await h.data(OperationFlagsDocument, { id: 'cus_sz' }, { now: NOW })).customer!.flags.filter(
      (f) => f.evidence.operationIds,
    );
    expect(flags.map((f) => [f.code, f.evidence.operationIds])).toEqual([
      ['UNAUTHORISED_RISKY_OPERATION', ['opr_mask']],
      ['CHANGE_NOT_ANNOUNCED', ['opr_mask']],
    ]);
  });

  it('imported skills are searchable and count as declared experience', async () => {
    const hits = (await h.data(SearchDocument, { text: 'osn 9800' }, { now: NOW })).search.map(
      (x) => `${x.kind}:${x.node.id}:${x.matched}`,
    );
    expect(hits).toEqual(['Engineer:eng_hw:OSN 9800', 'Device:dev_9800:OSN 9800']);
    const { experts } = await h.data(ExpertsDocument, { model: 'OSN 9800' }, { now: NOW });
    expect(experts.edges.map((e) => [e.node.engineer.id, e.node.evidence.declaredSkill])).toEqual([['eng_hw', true]]);
  });
});
