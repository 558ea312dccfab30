import {
  ArchiveContactDocument,
  ArchiveCustomerDocument,
  ArchiveDeviceDocument,
  ArchiveEngineerDocument,
  ArchivePartnerDocument,
  ArchiveRegionDocument,
  ChangesDocument,
  CreateContactDocument,
  CreateCustomerDocument,
  CreateEngineerDocument,
  CreatePartnerDocument,
  CreateRegionDocument,
  CustomerCardDocument,
  CustomersDocument,
  DeviceByIdDocument,
  InstallDeviceDocument,
  RegionTreeDocument,
  UpdateContactDocument,
  UpdateCustomerDocument,
  UpdateDeviceDocument,
  UpdateEngineerDocument,
  UpdatePartnerDocument,
  UpdateRegionDocument,
} from './generated/graphql';
import { testEngines } from './support/engines';
import { GraphBuilder } from './support/fixtures';
import { errorOf, fieldNames } from './support/graph-dump';
import { Harness } from './support/harness';

const NOW = new Date('2025-11-01T00:00:00.000Z');

function base(): GraphBuilder {
  return new GraphBuilder()
    .region({ id: 'reg_xj', name: 'Xinjiang', kind: 'PROVINCE' })
    .region({ id: 'reg_urumqi', name: 'Urumqi', kind: 'CITY', parentId: 'reg_xj' })
    .partner({ id: 'par_ts', name: 'Tianshan Telecom Services' })
    .customer({ id: 'cus_group', name: 'China Mobile Xinjiang', tier: 'VIP', regionId: 'reg_xj' })
    .customer({ id: 'cus_a', name: 'Customer A', tier: 'KEY', regionId: 'reg_urumqi' })
    .customer({ id: 'cus_b', name: 'Customer B', tier: 'STANDARD' })
    .customer({ id: 'cus_closed', name: 'Closed Customer', tier: 'STANDARD', status: 'ARCHIVED' });
}

describe.each(testEngines())('entity mutations on $name', (engine) => {
  let h: Harness;
  const as = { now: NOW, actor: 'alice@ops' };
  beforeAll(async () => {
    h = await Harness.start(engine);
    await base().write(h.store);
  });
  afterAll(async () => {
    await h.stop();
  });

  describe('regions', () => {
    it('creates with a generated id or the client id, and refuses a taken id with CONFLICT', async () => {
      const generated = await h.data(CreateRegionDocument, { input: { name: 'Hubei', kind: 'PROVINCE' } }, as);
      expect(generated.createRegion).toMatchObject({ name: 'Hubei', kind: 'PROVINCE', status: 'ACTIVE', parent: null });
      expect(generated.createRegion.id).toMatch(/^reg_[a-z0-9]+$/);

      const own = await h.data(
        CreateRegionDocument,
        { input: { id: 'reg_wuhan', name: 'Wuhan', kind: 'CITY', parentId: generated.createRegion.id } },
        as,
      );
      expect(own.createRegion).toEqual({
        id: 'reg_wuhan',
        name: 'Wuhan',
        kind: 'CITY',
        status: 'ACTIVE',
        parent: { id: generated.createRegion.id },
      });

      const taken = errorOf(await h.run(CreateRegionDocument, { input: { id: 'reg_wuhan', name: 'Other', kind: 'CITY' } }, as));
      expect(taken.code).toBe('CONFLICT');
      expect(taken.message).toContain('reg_wuhan');
      const tree = await h.data(RegionTreeDocument, { id: 'reg_wuhan' }, as);
      expect(tree.region!.name).toBe('Wuhan');
    });

    it('updates only the fields sent and refuses a parent that would close a loop', async () => {
      await h.data(CreateRegionDocument, { input: { id: 'reg_p', name: 'P', kind: 'PROVINCE' } }, as);
      await h.data(CreateRegionDocument, { input: { id: 'reg_c', name: 'C', kind: 'CITY', parentId: 'reg_p' } }, as);
      const renamed = await h.data(UpdateRegionDocument, { input: { id: 'reg_c', name: 'C city' } }, as);
      expect(renamed.updateRegion).toEqual({ id: 'reg_c', name: 'C city', kind: 'CITY', status: 'ACTIVE', parent: { id: 'reg_p' } });

      const loop = errorOf(await h.run(UpdateRegionDocument, { input: { id: 'reg_p', parentId: 'reg_c' } }, as));
      expect(loop.code).toBe('BAD_USER_INPUT');
      expect(loop.fields).toEqual([{ field: 'parentId', reason: 'would create a cycle: reg_p → reg_c → reg_p' }]);
      const self = errorOf(await h.run(UpdateRegionDocument, { input: { id: 'reg_p', parentId: 'reg_p' } }, as));
      expect(self.fields).toEqual([{ field: 'parentId', reason: 'reg_p cannot point at itself' }]);

      const detached = await h.data(UpdateRegionDocument, { input: { id: 'reg_c', parentId: null } }, as);
      expect(detached.updateRegion.parent).toBeNull();
    });

    it('archives a region (status ARCHIVED, still readable)', async () => {
      await h.data(CreateRegionDocument, { input: { id: 'reg_old', name: 'Old office', kind: 'OFFICE' } }, as);
      expect((await h.data(ArchiveRegionDocument, { id: 'reg_old' }, as)).archiveRegion).toEqual({ id: 'reg_old', status: 'ARCHIVED' });
      expect((await h.data(RegionTreeDocument, { id: 'reg_old' }, as)).region!.name).toBe('Old office');
    });
  });

  describe('partners and engineers', () => {
    it('creates a partner and a partner engineer, updates and archives them', async () => {
      const partner = await h.data(CreatePartnerDocument, { input: { id: 'par_new', name: 'New Partner Co' } }, as);
      expect(partner.createPartner).toEqual({ id: 'par_new', name: 'New Partner Co', status: 'ACTIVE', engineers: [] });

      const created = await h.data(
        CreateEngineerDocument,
        {
          input: {
            id: 'eng_new',
            name: '赵勇',
            nameLatin: 'Zhao Yong',
            kind: 'PARTNER',
            phone: '+86 138 0000 0009',
            skills: [' OTN ', 'NMS'],
            regionId: 'reg_urumqi',
            partnerId: 'par_new',
          },
        },
        as,
      );
      expect(created.createEngineer).toEqual({
        id: 'eng_new',
        name: '赵勇',
        nameLatin: 'Zhao Yong',
        kind: 'PARTNER',
        status: 'ACTIVE',
        phone: '+86 138 0000 0009',
        email: null,
        skills: ['OTN', 'NMS'],
        region: { id: 'reg_urumqi' },
        partner: { id: 'par_new' },
      });

      const updated = await h.data(
        UpdateEngineerDocument,
        { input: { id: 'eng_new', status: 'ON_LEAVE', email: 'zhao@partner.example', phone: null } },
        as,
      );
      expect(updated.updateEngineer).toMatchObject({
        status: 'ON_LEAVE',
        email: 'zhao@partner.example',
        phone: null,
        name: '赵勇',
        partner: { id: 'par_new' },
      });

      expect((await h.data(UpdatePartnerDocument, { input: { id: 'par_new', name: 'Renamed Partner' } }, as)).updatePartner).toEqual({
        id: 'par_new',
        name: 'Renamed Partner',
        status: 'ACTIVE',
      });
      expect((await h.data(ArchivePartnerDocument, { id: 'par_new' }, as)).archivePartner.status).toBe('ARCHIVED');
      expect((await h.data(ArchiveEngineerDocument, { id: 'eng_new' }, as)).archiveEngineer).toMatchObject({
        id: 'eng_new',
        status: 'ARCHIVED',
        name: '赵勇',
      });
    });

    it('refuses an unknown partner with NOT_FOUND naming the id, and writes nothing', async () => {
      const err = errorOf(
        await h.run(CreateEngineerDocument, { input: { id: 'eng_orphan', name: 'Orphan', kind: 'PARTNER', partnerId: 'par_nobody' } }, as),
      );
      expect(err.code).toBe('NOT_FOUND');
      expect(err.message).toBe('Partner par_nobody not found');
      expect(err.ext).toMatchObject({ kind: 'Partner', id: 'par_nobody' });
      const again = await h.data(CreateEngineerDocument, { input: { id: 'eng_orphan', name: 'Orphan', kind: 'EMPLOYEE' } }, as);
      expect(again.createEngineer.id).toBe('eng_orphan');
    });
  });

  describe('customers', () => {
    it('creates a branch in a region and reads it back on the card', async () => {
      const res = await h.data(
        CreateCustomerDocument,
        {
          input: {
            id: 'cus_new',
            name: '  中国移动喀什分公司 ',
            nameLatin: 'China Mobile Kashgar',
            tier: 'KEY',
            segment: 'carrier',
            regionId: 'reg_urumqi',
            parentId: 'cus_group',
          },
        },
        as,
      );
      // Strings are stored trimmed, as the import stores them.
      expect(res.createCustomer).toEqual({
        id: 'cus_new',
        name: '中国移动喀什分公司',
        nameLatin: 'China Mobile Kashgar',
        tier: 'KEY',
        segment: 'carrier',
        status: 'ACTIVE',
        region: { id: 'reg_urumqi' },
        parent: { id: 'cus_group' },
      });
      const card = await h.data(CustomerCardDocument, { id: 'cus_new' }, as);
      expect(card.customer).toMatchObject({ name: '中国移动喀什分公司', tier: 'KEY', region: { id: 'reg_urumqi' } });
    });

    it('updates a field, clears an optional one with null, and refuses clearing a required one', async () => {
      await h.data(
        CreateCustomerDocument,
        { input: { id: 'cus_upd', name: 'Before', tier: 'STANDARD', segment: 'hotel', regionId: 'reg_xj' } },
        as,
      );
      const res = await h.data(
        UpdateCustomerDocument,
        { input: { id: 'cus_upd', tier: 'VIP', segment: null, regionId: 'reg_urumqi' } },
        as,
      );
      expect(res.updateCustomer).toMatchObject({ name: 'Before', tier: 'VIP', segment: null, region: { id: 'reg_urumqi' } });

      const err = errorOf(await h.run(UpdateCustomerDocument, { input: { id: 'cus_upd', name: null } }, as));
      expect(err.code).toBe('BAD_USER_INPUT');
      expect(err.fields).toEqual([{ field: 'name', reason: 'is required' }]);
    });

    it('archives instead of deleting: gone from lists, still readable, archiving twice records nothing new', async () => {
      await h.data(CreateCustomerDocument, { input: { id: 'cus_gone', name: 'Gone Ltd', tier: 'STANDARD' } }, as);
      expect((await h.data(ArchiveCustomerDocument, { id: 'cus_gone' }, as)).archiveCustomer.status).toBe('ARCHIVED');
      const list = await h.data(CustomersDocument, { filter: { text: 'gone ltd' } }, as);
      expect(list.customers.totalCount).toBe(0);
      const withArchived = await h.data(CustomersDocument, { filter: { text: 'gone ltd', includeArchived: true } }, as);
      expect(withArchived.customers.edges.map((e) => e.node.id)).toEqual(['cus_gone']);

      await h.data(ArchiveCustomerDocument, { id: 'cus_gone' }, as);
      const history = await h.data(ChangesDocument, { entityId: 'cus_gone' }, as);
      expect(history.changes.edges.map((e) => e.node.op)).toEqual(['ARCHIVE', 'CREATE']);

      const restored = await h.data(UpdateCustomerDocument, { input: { id: 'cus_gone', status: 'ACTIVE' } }, as);
      expect(restored.updateCustomer.status).toBe('ACTIVE');
    });

    it('an unknown customer to update is NOT_FOUND naming the id', async () => {
      const err = errorOf(await h.run(UpdateCustomerDocument, { input: { id: 'cus_nobody', tier: 'VIP' } }, as));
      expect(err).toMatchObject({ code: 'NOT_FOUND', message: 'Customer cus_nobody not found' });
      const archive = errorOf(await h.run(ArchiveCustomerDocument, { id: 'cus_nobody' }, as));
      expect(archive.code).toBe('NOT_FOUND');
    });
  });

  describe('contacts', () => {
    it('creates a contact employed at a customer, reporting to a manager', async () => {
      await h.data(
        CreateContactDocument,
        { input: { id: 'con_boss', name: '马建国', role: 'EXECUTIVE', customerId: 'cus_a', employedFrom: '2020-01-01T00:00:00Z' } },
        as,
      );
      const res = await h.data(
        CreateContactDocument,
        {
          input: {
            id: 'con_duty',
            name: '吴强',
            nameLatin: 'Wu Qiang',
            title: 'On-duty Engineer',
            role: 'ON_DUTY',
            phone: '+86 139 1000 0004',
            email: 'wu.qiang@cm.example',
            customerId: 'cus_a',
            reportsToId: 'con_boss',
          },
        },
        as,
      );
      expect(res.createContact).toEqual({
        id: 'con_duty',
        name: '吴强',
        nameLatin: 'Wu Qiang',
        title: 'On-duty Engineer',
        role: 'ON_DUTY',
        phone: '+86 139 1000 0004',
        email: 'wu.qiang@cm.example',
        status: 'ACTIVE',
        customer: { id: 'cus_a' },
        reportsTo: { id: 'con_boss' },
        employments: [{ customer: { id: 'cus_a' }, from: NOW.toISOString(), to: null, title: 'On-duty Engineer', current: true }],
      });
      const card = await h.data(CustomerCardDocument, { id: 'cus_a' }, as);
      expect(card.customer!.contacts.map((c) => c.id).sort()).toEqual(['con_boss', 'con_duty']);

      const upd = await h.data(UpdateContactDocument, { input: { id: 'con_duty', role: 'SUPERVISOR', email: null } }, as);
      expect(upd.updateContact).toMatchObject({ role: 'SUPERVISOR', email: null, phone: '+86 139 1000 0004' });
      expect((await h.data(ArchiveContactDocument, { id: 'con_duty' }, as)).archiveContact.status).toBe('ARCHIVED');
    });

    it('a contact for an unknown customer is NOT_FOUND and leaves no contact behind', async () => {
      const err = errorOf(
        await h.run(CreateContactDocument, { input: { id: 'con_lost', name: 'Lost', role: 'ENGINEER', customerId: 'cus_nobody' } }, as),
      );
      expect(err).toMatchObject({ code: 'NOT_FOUND', message: 'Customer cus_nobody not found' });
      const again = await h.data(CreateContactDocument, { input: { id: 'con_lost', name: 'Lost', role: 'ENGINEER' } }, as);
      expect(again.createContact.employments).toEqual([]);
    });
  });

  describe('devices', () => {
    it('installs a device at a customer and moves it by updating its customer', async () => {
      const res = await h.data(
        InstallDeviceDocument,
        {
          input: {
            id: 'dev_osn',
            serial: 'SN-9',
            model: 'OptiX OSN 8800',
            productLine: 'OTN',
            installedAt: '2023-05-01',
            maintenanceUntil: '2025-12-31T00:00:00+08:00',
            customerId: 'cus_a',
          },
        },
        as,
      );
      expect(res.installDevice).toEqual({
        id: 'dev_osn',
        serial: 'SN-9',
        model: 'OptiX OSN 8800',
        productLine: 'OTN',
        softwareVersion: null,
        installedAt: '2023-05-01T00:00:00.000Z',
        maintenanceUntil: '2025-12-30T16:00:00.000Z',
        maintenanceStatus: 'ACTIVE',
        status: 'ACTIVE',
        customer: { id: 'cus_a' },
      });
      const moved = await h.data(UpdateDeviceDocument, { input: { id: 'dev_osn', customerId: 'cus_b', softwareVersion: 'V100R012' } }, as);
      expect(moved.updateDevice).toMatchObject({ customer: { id: 'cus_b' }, softwareVersion: 'V100R012', serial: 'SN-9' });
      expect((await h.data(DeviceByIdDocument, { id: 'dev_osn' }, as)).device!.customer).toEqual({ id: 'cus_b' });
      const cardA = await h.data(CustomerCardDocument, { id: 'cus_a' }, as);
      expect(cardA.customer!.devices.map((d) => d.id)).not.toContain('dev_osn');

      const noCustomer = errorOf(await h.run(UpdateDeviceDocument, { input: { id: 'dev_osn', customerId: null } }, as));
      expect(noCustomer.fields).toEqual([{ field: 'customerId', reason: 'is required' }]);
      expect((await h.data(ArchiveDeviceDocument, { id: 'dev_osn' }, as)).archiveDevice).toMatchObject({
        status: 'ARCHIVED',
        customer: { id: 'cus_b' },
      });
    });

    it('refuses installing at an archived customer', async () => {
      const err = errorOf(
        await h.run(InstallDeviceDocument, { input: { id: 'dev_late', serial: 'SN-10', model: 'X', customerId: 'cus_closed' } }, as),
      );
      expect(err.code).toBe('BAD_USER_INPUT');
      expect(err.fields).toEqual([{ field: 'customerId', reason: 'customer cus_closed is ARCHIVED' }]);
    });
  });

  describe('validation', () => {
    it('lists every offending field at once, without echoing the values', async () => {
      const res = await h.run(
        CreateContactDocument,
        {
          input: {
            name: '   ',
            nameLatin: 'x'.repeat(201),
            role: 'ENGINEER',
            email: 'secret-not-an-email',
            phone: 'call me',
            customerId: 'eng_x',
          },
        },
        as,
      );
      const err = errorOf(res);
      expect(err.code).toBe('BAD_USER_INPUT');
      expect(err.fields).toEqual(
        expect.arrayContaining([
          { field: 'name', reason: 'is required' },
          { field: 'nameLatin', reason: 'is longer than 200 characters' },
          { field: 'email', reason: 'is not an e-mail address' },
          { field: 'phone', reason: 'is not a phone number' },
          { field: 'customerId', reason: 'is an Engineer id, expected a Customer id (cus_…)' },
        ]),
      );
      expect(fieldNames(err)).toEqual(['customerId', 'email', 'name', 'nameLatin', 'phone']);
      expect(JSON.stringify(res.errors)).not.toContain('secret-not-an-email');
    });

    it('refuses a malformed id of the right kind and a client id of the wrong kind', async () => {
      const wrongKind = errorOf(await h.run(CreateCustomerDocument, { input: { id: 'eng_x', name: 'X', tier: 'KEY' } }, as));
      expect(wrongKind.fields).toEqual([{ field: 'id', reason: 'is an Engineer id, expected a Customer id (cus_…)' }]);
      const malformed = errorOf(await h.run(CreateCustomerDocument, { input: { id: 'cus_ bad id', name: 'X', tier: 'KEY' } }, as));
      expect(malformed.fields).toEqual([{ field: 'id', reason: 'is not a Customer id (cus_…)' }]);
      const archiveWrong = errorOf(await h.run(ArchiveCustomerDocument, { id: 'con_x' }, as));
      expect(archiveWrong).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'id', reason: '"con_x" is a Contact id, expected a Customer id' }],
      });
    });

    it('refuses an unparseable time and an unknown enum value as BAD_USER_INPUT', async () => {
      const time = errorOf(
        await h.run(InstallDeviceDocument, { input: { serial: 'S', model: 'M', customerId: 'cus_a', maintenanceUntil: 'next week' } }, as),
      );
      expect(time.code).toBe('BAD_USER_INPUT');
      expect(time.message).toContain('ISO-8601');
      const tier = errorOf(await h.run(CreateCustomerDocument, { input: { name: 'X', tier: 'GOLD' as 'VIP' } }, as));
      expect(tier.code).toBe('BAD_USER_INPUT');
      expect(tier.message).toContain('GOLD');
    });

    it('refuses a missing required field before anything runs', async () => {
      const err = errorOf(await h.run(CreateRegionDocument, { input: { kind: 'CITY' } as { name: string; kind: 'CITY' } }, as));
      expect(err.code).toBe('BAD_USER_INPUT');
      expect(err.message).toContain('name');
    });
  });
});
