import {
  CreateContactDocument,
  CreateCustomerDocument,
  CreateEngineerDocument,
  CustomersDocument,
  ImportRecordsDocument,
  SearchDocument,
  UpdateCustomerDocument,
} from './generated/graphql';
import { compactSearchText, pinyinKey } from '../src/domain/search-key';
import { STALE_SEARCH_KEYS } from '../src/graph/repositories/search-keys.repo';
import { testEngines } from './support/engines';
import { Harness } from './support/harness';

/**
 * Case C1's account manager knows the customer as "Zhongguo Yidong Wulumuqi" or types "zgyd" on a
 * laptop without a Chinese input method: the header search finds Chinese names by their pinyin,
 * syllables run together or apart, and by initials — for records created, renamed or imported at
 * any time.
 */
describe('pinyin keys (unit)', () => {
  it('spells a Chinese name in pinyin without tones, run together, and as initials', () => {
    expect(pinyinKey('中国移动乌鲁木齐分公司').split(' ')).toEqual(['zhongguoyidongwulumuqifengongsi', 'zgydwlmqfgs']);
    expect(pinyinKey('王磊').split(' ')).toEqual(['wanglei', 'wl']);
  });
  it('writes ü both as v and as u, and keeps Latin parts of a mixed name', () => {
    expect(pinyinKey('吕梁').split(' ')).toEqual(['lvliang', 'luliang', 'll']);
    expect(pinyinKey('中国联通 Midong 支局').split(' ')[0]).toBe('zhongguoliantongmidongzhiju');
  });
  it('has nothing for a name without Chinese characters', () => {
    expect(pinyinKey('Small On-duty')).toBe('');
  });
  it('compares texts without spaces, apostrophes or case', () => {
    expect(compactSearchText("Xi'an  Qujiang")).toBe('xianqujiang');
    expect(compactSearchText('Zhongguo Yidong')).toBe('zhongguoyidong');
  });
});

describe.each(testEngines())('search by pinyin on $name', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start(engine);
    for (const [id, name, nameLatin] of [
      ['cus_cm-urumqi', '中国移动乌鲁木齐分公司', 'China Mobile Urumqi'],
      ['cus_ct-urumqi', '中国电信乌鲁木齐分公司', 'China Telecom Urumqi'],
      ['cus_xian', '西安曲江宾馆', null],
    ] as const)
      await h.data(CreateCustomerDocument, { input: { id, name, nameLatin, tier: 'STANDARD' } });
  });
  afterAll(() => h.stop());

  const ids = async (text: string) => (await h.data(SearchDocument, { text })).search.map((s) => s.node.id);

  it('finds a customer by its pinyin, run together or apart, by initials, in any case', async () => {
    expect(await ids('yidong')).toEqual(['cus_cm-urumqi']);
    expect(await ids('Zhongguo Yidong')).toEqual(['cus_cm-urumqi']);
    expect((await ids('wulumuqi')).sort()).toEqual(['cus_cm-urumqi', 'cus_ct-urumqi']);
    expect(await ids('ZGDX')).toEqual(['cus_ct-urumqi']);
    expect(await ids('qujiang')).toEqual(['cus_xian']);
  });

  it('says what matched: the Chinese name', async () => {
    const [hit] = (await h.data(SearchDocument, { text: 'xian qujiang' })).search;
    expect(hit).toMatchObject({ kind: 'Customer', matched: '西安曲江宾馆', node: { id: 'cus_xian' } });
  });

  it('follows a rename: the new name is found by its pinyin, the old one no longer', async () => {
    await h.data(UpdateCustomerDocument, { input: { id: 'cus_xian', name: '西安大唐芙蓉园' } });
    expect(await ids('furongyuan')).toEqual(['cus_xian']);
    expect(await ids('qujiang')).toEqual([]);
  });

  it('finds records brought in by the bulk import', async () => {
    const content = JSON.stringify([{ id: 'cus_harbin', name: '中国联通哈尔滨分公司', tier: 'KEY' }]);
    const res = await h.data(ImportRecordsDocument, { kind: 'customers', format: 'JSON', content, strict: true });
    expect(res.importRecords.files[0]).toMatchObject({ created: 1 });
    expect(await ids('haerbin')).toEqual(['cus_harbin']);
    expect(await ids('zglt')).toEqual(['cus_harbin']);
    // Created with its key (upsert.repo.ts createNodes): what the search-key hook writes, nothing left stale.
    const [keys] = await h.store.read(`MATCH (n:Customer {id: 'cus_harbin'}) RETURN n._pinyin AS key, n._pinyinOf AS of`);
    expect(keys).toEqual({ key: pinyinKey('中国联通哈尔滨分公司'), of: '中国联通哈尔滨分公司' });
    expect(await h.store.read(STALE_SEARCH_KEYS, {})).toEqual([]);
  });
  it('keys contacts and engineers in the write that creates them, so a search only reads', async () => {
    await h.data(CreateContactDocument, { input: { id: 'con_zhang', name: '张伟', role: 'ENGINEER', customerId: 'cus_cm-urumqi' } });
    await h.data(CreateEngineerDocument, { input: { id: 'eng_li', name: '李娜', kind: 'EMPLOYEE' } });
    // Written with the record, before anybody searched: no key maintenance is left for the read path.
    const keys = await h.store.read(
      `UNWIND ['con_zhang', 'eng_li'] AS id MATCH (n {id: id}) RETURN n.id AS id, n._pinyin AS key ORDER BY id`,
    );
    expect(keys).toEqual([
      { id: 'con_zhang', key: 'zhangwei zw' },
      { id: 'eng_li', key: 'lina ln' },
    ]);
    h.store.reset();
    expect(await ids('zhangwei')).toEqual(['con_zhang']);
    expect(await ids('lina')).toEqual(['eng_li']);
    const list = await h.data(CustomersDocument, { filter: { text: 'wulumuqi' } });
    expect(list.customers.totalCount).toBe(2);
    expect(h.store.statements.filter((c) => /_pinyinOf|\bSET\b|\bCREATE\b|\bMERGE\b/.test(c))).toEqual([]);
  });
  it("filters the customer list by pinyin too (the list's text filter is the search's)", async () => {
    const list = await h.data(CustomersDocument, { filter: { text: 'zhongguo yidong' } });
    expect(list.customers.edges.map((e) => e.node.id)).toEqual(['cus_cm-urumqi']);
    expect(list.customers.totalCount).toBe(1);
  });
});
