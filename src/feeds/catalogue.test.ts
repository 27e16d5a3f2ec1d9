import { describe, expect, it } from 'vitest';
import { FEEDS, FEED_CODES, feedTable, findFeed, getFeed } from './catalogue';
import { headerIndex } from './header-map';
import { VALUE_TYPES } from './values';

// The contract table of docs/feeds.md, written out a second time: code, department, Chinese name,
// columns as key:header with * for required, natural key. The catalogue must say exactly this.
const CONTRACT: [string, string, string, string, string][] = [
  ['medical_settlement', '医保局', '医疗费用结算', 'id_number*:身份证号 name:姓名 settlement_no*:结算单号 settled_on*:结算日期 visit_type:就诊类型 hospital:医疗机构 diagnosis:诊断 total_cost*:总费用 fund_paid:统筹支付 self_paid*:个人自付', 'settlement_no'],
  ['disability_certificate', '残联', '残疾人证', 'id_number*:身份证号 name:姓名 kind*:残疾类别 grade*:残疾等级 issued_on*:发证日期 status:证件状态', 'id_number issued_on'],
  ['death_registration', '公安/卫健/殡葬', '死亡登记', 'id_number*:身份证号 name:姓名 died_on*:死亡日期 registrar:登记机关', 'id_number'],
  ['unemployment_registration', '人社局', '失业登记', 'id_number*:身份证号 name:姓名 registered_on*:登记日期 ended_on:终止日期', 'id_number registered_on'],
  ['social_insurance_contribution', '人社局', '社会保险缴费', 'id_number*:身份证号 name:姓名 period*:缴费年月 insurance_type*:险种 employer:单位名称 base_wage:缴费基数', 'id_number period insurance_type'],
  ['tax_income', '税务局', '个人收入', 'id_number*:身份证号 name:姓名 period*:所属期 income*:收入额 income_type:所得项目', 'id_number period income_type'],
  ['student_enrollment', '教育局', '学生学籍', 'id_number*:身份证号 name:姓名 school*:学校名称 stage*:学段 enrolled_on*:入学日期 tuition:学费', 'id_number school enrolled_on'],
  ['vehicle_registration', '公安交管', '机动车登记', 'id_number*:所有人身份证号 plate*:号牌号码 vehicle_type*:车辆类型 registered_on*:登记日期 status:状态', 'plate registered_on'],
  ['property_registration', '不动产登记中心', '不动产登记', 'id_number*:权利人身份证号 unit_no*:不动产单元号 area_m2:建筑面积 use:用途 registered_on*:登记日期', 'unit_no id_number'],
  ['business_registration', '市场监管局', '市场主体登记', 'id_number*:法定代表人身份证号 credit_code*:统一社会信用代码 company:企业名称 capital:注册资本 established_on*:成立日期 status:登记状态', 'credit_code id_number'],
  ['disaster_victim', '应急管理局', '受灾人员', 'id_number*:身份证号 name:姓名 event*:灾害事件 occurred_on*:受灾日期 loss_level*:损失程度 house_damage:房屋损毁情况', 'id_number event'],
  ['rural_monitoring_object', '农业农村局', '防止返贫监测对象', 'id_number*:身份证号 name:姓名 monitoring_type*:监测类型 risk:风险类型 since*:纳入日期 cleared_on:风险消除日期', 'id_number since'],
  ['hospitalization', '卫健委', '住院及重大疾病', 'id_number*:身份证号 name:姓名 admitted_on*:入院日期 discharged_on:出院日期 disease*:疾病名称 serious:是否重特大疾病', 'id_number admitted_on'],
];

describe('the feed catalogue', () => {
  it('holds exactly the 13 feeds of the contract', () => {
    expect(FEED_CODES).toEqual(CONTRACT.map((c) => c[0]));
    for (const [code, department, name, columns, key] of CONTRACT) {
      const feed = getFeed(code);
      expect(feed.department).toBe(department);
      expect(feed.name).toBe(name);
      expect(feed.columns.map((c) => `${c.key}${c.required ? '*' : ''}:${c.header}`).join(' ')).toBe(columns);
      expect(feed.naturalKey.join(' ')).toBe(key);
    }
  });

  it('lists the enumerations of the contract', () => {
    const labels = (code: string, key: string) => Object.keys(getFeed(code).columns.find((c) => c.key === key)!.values!);
    expect(labels('medical_settlement', 'visit_type')).toEqual(expect.arrayContaining(['门诊', '住院']));
    expect(labels('disability_certificate', 'kind')).toEqual(expect.arrayContaining(['视力', '听力', '言语', '肢体', '智力', '精神', '多重']));
    expect(labels('disability_certificate', 'status')).toEqual(expect.arrayContaining(['有效', '注销']));
    expect(labels('social_insurance_contribution', 'insurance_type')).toEqual(
      expect.arrayContaining(['职工基本养老保险', '城乡居民基本养老保险', '职工基本医疗保险', '失业保险']),
    );
    expect(labels('student_enrollment', 'stage')).toEqual(expect.arrayContaining(['学前', '小学', '初中', '高中', '中职', '高职', '本科', '研究生']));
    expect(labels('disaster_victim', 'loss_level')).toEqual(expect.arrayContaining(['严重', '较重', '一般']));
    expect(labels('rural_monitoring_object', 'monitoring_type')).toEqual(expect.arrayContaining(['脱贫不稳定户', '边缘易致贫户', '突发严重困难户']));
    expect(getFeed('medical_settlement').columns.find((c) => c.key === 'visit_type')!.values).toMatchObject({ 门诊: 'outpatient', 住院: 'inpatient' });
    expect(getFeed('hospitalization').columns.find((c) => c.key === 'serious')!.type).toBe('yesNo');
  });

  it('accepts the aliases the contract names for ID numbers', () => {
    const id = getFeed('medical_settlement').columns[0];
    expect(id.aliases).toEqual(expect.arrayContaining(['公民身份号码', '证件号码']));
  });

  it('is internally consistent', () => {
    for (const feed of FEEDS) {
      expect(feed.code).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(feedTable(feed).length).toBeLessThanOrEqual(40);
      const keys = feed.columns.map((c) => c.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys[0]).toBe('id_number');
      for (const c of feed.columns) {
        expect(c.key).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(Object.keys(VALUE_TYPES)).toContain(c.type);
        if (c.type === 'enum') expect(Object.keys(c.values ?? {}).length).toBeGreaterThan(0);
      }
      for (const k of feed.naturalKey) expect(keys).toContain(k);
      if (feed.timeColumn) expect(['date', 'month']).toContain(feed.columns.find((c) => c.key === feed.timeColumn)!.type);
      for (const check of feed.checks ?? []) {
        expect(keys).toContain(check.earlier);
        expect(keys).toContain(check.later);
      }
      expect(() => headerIndex(feed)).not.toThrow(); // no header or alias names two columns
    }
  });

  it('finds feeds by code', () => {
    expect(findFeed('tax_income')?.name).toBe('个人收入');
    expect(findFeed('nope')).toBeUndefined();
    expect(() => getFeed('nope')).toThrow(/unknown feed/);
  });
});
