/** Word lists for the synthetic graph: Chinese names with their pinyin/English forms. */

export type Named = readonly [zh: string, latin: string];

export const PROVINCES: Named[] = [
  ['北京', 'Beijing'], ['天津', 'Tianjin'], ['河北', 'Hebei'], ['山西', 'Shanxi'], ['内蒙古', 'Inner Mongolia'],
  ['辽宁', 'Liaoning'], ['吉林', 'Jilin'], ['黑龙江', 'Heilongjiang'], ['上海', 'Shanghai'], ['江苏', 'Jiangsu'],
  ['浙江', 'Zhejiang'], ['安徽', 'Anhui'], ['福建', 'Fujian'], ['江西', 'Jiangxi'], ['山东', 'Shandong'],
  ['河南', 'Henan'], ['湖北', 'Hubei'], ['湖南', 'Hunan'], ['广东', 'Guangdong'], ['广西', 'Guangxi'],
  ['海南', 'Hainan'], ['重庆', 'Chongqing'], ['四川', 'Sichuan'], ['贵州', 'Guizhou'], ['云南', 'Yunnan'],
  ['陕西', 'Shaanxi'], ['甘肃', 'Gansu'], ['青海', 'Qinghai'], ['宁夏', 'Ningxia'], ['新疆', 'Xinjiang'],
];

export const CITIES: Named[] = [
  ['乌鲁木齐', 'Urumqi'], ['武汉', 'Wuhan'], ['成都', 'Chengdu'], ['西安', "Xi'an"], ['郑州', 'Zhengzhou'],
  ['长沙', 'Changsha'], ['南京', 'Nanjing'], ['杭州', 'Hangzhou'], ['合肥', 'Hefei'], ['福州', 'Fuzhou'],
  ['南昌', 'Nanchang'], ['济南', 'Jinan'], ['青岛', 'Qingdao'], ['广州', 'Guangzhou'], ['深圳', 'Shenzhen'],
  ['南宁', 'Nanning'], ['海口', 'Haikou'], ['贵阳', 'Guiyang'], ['昆明', 'Kunming'], ['兰州', 'Lanzhou'],
  ['西宁', 'Xining'], ['银川', 'Yinchuan'], ['沈阳', 'Shenyang'], ['大连', 'Dalian'], ['长春', 'Changchun'],
  ['哈尔滨', 'Harbin'], ['石家庄', 'Shijiazhuang'], ['太原', 'Taiyuan'], ['呼和浩特', 'Hohhot'], ['苏州', 'Suzhou'],
  ['无锡', 'Wuxi'], ['宁波', 'Ningbo'], ['温州', 'Wenzhou'], ['厦门', 'Xiamen'], ['泉州', 'Quanzhou'],
  ['佛山', 'Foshan'], ['东莞', 'Dongguan'], ['珠海', 'Zhuhai'], ['洛阳', 'Luoyang'], ['宜昌', 'Yichang'],
  ['襄阳', 'Xiangyang'], ['株洲', 'Zhuzhou'], ['绵阳', 'Mianyang'], ['遵义', 'Zunyi'], ['大理', 'Dali'],
  ['喀什', 'Kashgar'], ['伊犁', 'Yili'], ['克拉玛依', 'Karamay'], ['包头', 'Baotou'], ['烟台', 'Yantai'],
];

export const OPERATORS: Named[] = [
  ['中国移动', 'China Mobile'], ['中国联通', 'China Unicom'], ['中国电信', 'China Telecom'], ['中国广电', 'China Broadnet'],
  ['国家电网', 'State Grid'], ['人民医院', "People's Hospital"], ['万达酒店', 'Wanda Hotel'], ['铁路局', 'Railway Bureau'],
];
export const SEGMENT_OF_OPERATOR = ['carrier', 'carrier', 'carrier', 'carrier', 'utility', 'hospital', 'hotel', 'transport'];

export const SURNAMES: Named[] = [
  ['王', 'Wang'], ['李', 'Li'], ['张', 'Zhang'], ['刘', 'Liu'], ['陈', 'Chen'], ['杨', 'Yang'], ['黄', 'Huang'],
  ['赵', 'Zhao'], ['吴', 'Wu'], ['周', 'Zhou'], ['徐', 'Xu'], ['孙', 'Sun'], ['马', 'Ma'], ['朱', 'Zhu'],
  ['胡', 'Hu'], ['郭', 'Guo'], ['何', 'He'], ['高', 'Gao'], ['林', 'Lin'], ['罗', 'Luo'],
];

export const GIVEN_NAMES: Named[] = [
  ['伟', 'Wei'], ['芳', 'Fang'], ['娜', 'Na'], ['敏', 'Min'], ['静', 'Jing'], ['丽', 'Li'], ['强', 'Qiang'],
  ['磊', 'Lei'], ['军', 'Jun'], ['洋', 'Yang'], ['勇', 'Yong'], ['艳', 'Yan'], ['杰', 'Jie'], ['涛', 'Tao'],
  ['明', 'Ming'], ['超', 'Chao'], ['秀英', 'Xiuying'], ['霞', 'Xia'], ['平', 'Ping'], ['刚', 'Gang'],
  ['华', 'Hua'], ['建国', 'Jianguo'], ['晓东', 'Xiaodong'], ['海燕', 'Haiyan'],
];

export const PARTNER_NAMES = ['Tianyu Network Services', 'Huaxin Field Engineering', 'Zhongtong Technical', 'Xinda Integration', 'Lianchuang Telecom Services'];

export const CONTACT_TITLES: Record<string, string[]> = {
  EXECUTIVE: ['General Manager', 'Deputy General Manager', 'CTO'],
  MANAGER: ['Network Operations Manager', 'O&M Department Head', 'Wireless Manager'],
  SUPERVISOR: ['NOC Supervisor', 'Shift Supervisor', 'Field Team Lead'],
  ENGINEER: ['Transmission Engineer', 'Wireless Engineer', 'IP Engineer', 'Power Engineer'],
  ON_DUTY: ['NOC Duty Engineer', 'Night Shift Operator'],
};

export const DEVICE_MODELS: readonly (readonly [model: string, productLine: string])[] = [
  ['BTS3900', 'Wireless'], ['BBU5900', 'Wireless'], ['MA5800-X17', 'Access'], ['NE40E-X8', 'IP'], ['ATN910C', 'IP'],
  ['OSN 8800', 'Transmission'], ['RTN 950', 'Transmission'], ['S6730-H', 'Switching'], ['UPS5000-E', 'Power'],
];

export const CASE_TITLES = [
  'Base station alarm storm',
  'OLT uplink port down',
  'Core router high CPU',
  'Licence expiry warning',
  'Power module failure',
  'Transmission link flapping',
  'Slow response to fault reports',
  'Software upgrade request',
  'Configuration change request',
  'Spare part replacement',
  'Optical power degradation',
  'Board reset after patch',
];

export const SUMMARIES = [
  'Reviewed open alarms with the NOC team and agreed next steps.',
  'Quarterly visit: checked spare parts, walked through the escalation path.',
  'Called about the pending fault, promised an update tomorrow morning.',
  'Sent the root-cause report and the patch plan by e-mail.',
  'Met the O&M manager to discuss the maintenance renewal.',
  'On-site inspection of the equipment room, replaced a fan tray.',
  'Messaged the duty engineer about the planned maintenance window.',
];

export const COMMITMENT_TEXTS = [
  'Send the root-cause analysis report',
  'Deliver the replacement power module',
  'Schedule the software upgrade window',
  'Provide the maintenance renewal quotation',
  'Arrange on-site training for the NOC team',
  'Confirm the spare-parts stock level',
];

export const SKILLS = ['wireless', 'ip', 'transmission', 'access', 'power', 'switching', 'core'];
