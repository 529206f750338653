package com.clientele.generate;

/**
 * The words synthetic rows are assembled from: labels a Chinese company's export would use (English
 * canonical labels and their Chinese equivalents, in parallel arrays so one index means one concept in
 * both languages), name parts, places and short texts. Only fragments live here; every row is composed
 * from them by the models.
 */
final class Vocabulary {
    private Vocabulary() {
    }

    // Natures, indexed by CustomerPopulation.GOVERNMENT .. PARTNER.
    static final String[] NATURE_EN = {"government", "enterprise", "individual", "group", "partner"};
    static final String[] NATURE_ZH = {"政府机构", "企事业单位", "个人", "团体", "合作伙伴"};

    static final String[] INDUSTRY_EN = {"public administration", "education", "healthcare", "manufacturing", "retail",
            "finance", "information technology", "logistics", "construction", "hospitality", "agriculture"};
    static final String[] INDUSTRY_ZH = {"公共管理", "教育", "医疗卫生", "制造业", "零售业", "金融", "信息技术", "物流",
            "建筑业", "酒店餐饮", "农业"};

    static final String[] REGION_ZH = {"北京市", "上海市", "广东省", "浙江省", "江苏省", "四川省", "湖北省", "山东省",
            "福建省", "天津市", "重庆市", "河南省", "华东", "华南", "华北"};
    static final String[] REGION_EN = {"East China", "South China", "North China", "Central China", "Southwest China",
            "Northeast China", "Hong Kong", "Overseas"};

    // Acquisition channels other than referral; weights per nature in CustomerProfiles.
    static final String REFERRAL = "referral";
    static final String[] ACQUISITION = {"advertising", "exhibition", "website", "sales_visit"};

    // Chinese names: characters with their pinyin (for e-mail handles).
    static final String[][] SURNAMES = {{"王", "wang"}, {"李", "li"}, {"张", "zhang"}, {"刘", "liu"}, {"陈", "chen"},
            {"杨", "yang"}, {"黄", "huang"}, {"赵", "zhao"}, {"吴", "wu"}, {"周", "zhou"}, {"徐", "xu"}, {"孙", "sun"},
            {"马", "ma"}, {"朱", "zhu"}, {"胡", "hu"}, {"郭", "guo"}, {"何", "he"}, {"高", "gao"}, {"林", "lin"},
            {"罗", "luo"}, {"郑", "zheng"}, {"梁", "liang"}, {"谢", "xie"}, {"宋", "song"}, {"唐", "tang"},
            {"韩", "han"}, {"冯", "feng"}, {"邓", "deng"}, {"曹", "cao"}, {"欧阳", "ouyang"}};
    static final String[][] GIVEN = {{"伟", "wei"}, {"芳", "fang"}, {"娜", "na"}, {"敏", "min"}, {"静", "jing"},
            {"丽", "li"}, {"强", "qiang"}, {"磊", "lei"}, {"军", "jun"}, {"洋", "yang"}, {"勇", "yong"}, {"艳", "yan"},
            {"杰", "jie"}, {"娟", "juan"}, {"涛", "tao"}, {"明", "ming"}, {"超", "chao"}, {"秀英", "xiuying"},
            {"霞", "xia"}, {"平", "ping"}, {"刚", "gang"}, {"桂英", "guiying"}, {"华", "hua"}, {"建国", "jianguo"},
            {"文", "wen"}, {"婷", "ting"}, {"鹏", "peng"}, {"宇", "yu"}, {"欣", "xin"}, {"浩", "hao"}};
    static final String[] FIRST_EN = {"John", "Mary", "James", "Patricia", "Robert", "Jennifer", "Michael", "Linda",
            "William", "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
            "Daniel", "Emily", "Chris", "Anna", "Kevin", "Laura"};
    static final String[] LAST_EN = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Garcia",
            "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Lee", "Walker", "Hall", "Young", "King",
            "Wright", "O'Brien", "Chan", "Wong", "Nguyen"};
    static final String[] NICK_EN = {"Bob", "Liz", "Mike", "Kate", "Jim"};

    // Organisations.
    static final String[][] BRAND_ZH = {{"华信", "huaxin"}, {"东方", "dongfang"}, {"恒通", "hengtong"},
            {"瑞丰", "ruifeng"}, {"天成", "tiancheng"}, {"金诚", "jincheng"}, {"新宇", "xinyu"}, {"博远", "boyuan"},
            {"鸿达", "hongda"}, {"嘉禾", "jiahe"}, {"盛世", "shengshi"}, {"同创", "tongchuang"}, {"海纳", "haina"},
            {"中科", "zhongke"}, {"远航", "yuanhang"}};
    static final String[] BUSINESS_ZH = {"科技", "贸易", "实业", "电子", "物流", "建设", "信息技术", "医疗器械", "食品", "文化传媒"};
    static final String[] COMPANY_SUFFIX_ZH = {"有限公司", "股份有限公司", "集团有限公司"};
    static final String[] CITY_ZH = {"杭州", "深圳", "南京", "成都", "武汉", "北京", "上海", "苏州", "广州", "西安", "青岛", "厦门"};
    static final String[] GOV_DEPT_ZH = {"教育局", "卫生健康委员会", "交通运输局", "财政局", "人力资源和社会保障局", "文化和旅游局",
            "生态环境局"};
    static final String[] GROUP_ZH = {"读书会", "户外俱乐部", "校友会", "摄影协会", "志愿者协会", "业主委员会"};
    static final String[] BRAND_EN = {"Northwind", "Contoso", "Blue Harbor", "Summit", "Redwood", "Silverline",
            "Brightpath", "Ironbridge", "Evergreen", "Pioneer", "Crescent", "Atlas"};
    static final String[] BUSINESS_EN = {"Trading", "Technologies", "Logistics", "Manufacturing", "Supplies",
            "Systems", "Foods", "Consulting"};
    static final String[] COMPANY_SUFFIX_EN = {"Co., Ltd.", "Inc.", "LLC", "Ltd.", "Group"};
    static final String[] CITY_EN = {"Springfield", "Riverton", "Fairview", "Greenville", "Madison", "Franklin",
            "Clinton", "Georgetown", "Salem", "Ashland"};
    static final String[] GOV_DEPT_EN = {"Education Department", "Health Commission", "Transport Bureau",
            "Finance Bureau", "Parks Department"};
    static final String[] GROUP_EN = {"Hiking Club", "Alumni Association", "Photography Society",
            "Volunteers Association", "Chess Club"};

    // Addresses.
    static final String[][] PLACES_ZH = {
            {"浙江省", "杭州市", "西湖区", "上城区", "滨江区"}, {"广东省", "深圳市", "南山区", "福田区", "宝安区"},
            {"江苏省", "南京市", "鼓楼区", "玄武区", "建邺区"}, {"四川省", "成都市", "武侯区", "锦江区", "高新区"},
            {"湖北省", "武汉市", "洪山区", "江汉区", "武昌区"}, {"", "北京市", "海淀区", "朝阳区", "东城区"},
            {"", "上海市", "浦东新区", "徐汇区", "静安区"}, {"山东省", "青岛市", "市南区", "崂山区", "黄岛区"}};
    static final String[] ROADS_ZH = {"人民路", "解放路", "中山路", "建设路", "文三路", "科技园路", "长江路", "和平大道"};
    static final String[] STREETS_EN = {"Maple", "Oak", "Pine", "Cedar", "Elm", "Lake", "Hill", "Park", "Main",
            "Washington"};
    static final String[] STREET_TYPES_EN = {"Street", "Avenue", "Road", "Boulevard", "Lane"};
    static final String[] STATES_EN = {"CA", "NY", "TX", "WA", "IL", "MA"};
    static final String[] ID_REGIONS = {"110101", "310104", "440305", "330106", "320102", "510107", "420111", "370202"};
    static final String[] EMAIL_DOMAINS = {"example.com", "example.cn", "example.net", "mail.example.org"};
    static final String[] ORG_MAILBOXES = {"info", "sales", "contact", "office", "purchasing"};

    // Transactions.
    static final String[] CATEGORY_EN = {"electronics", "software", "office supplies", "furniture", "consulting",
            "maintenance", "training", "consumables"};
    static final String[] CATEGORY_ZH = {"电子产品", "软件", "办公用品", "家具", "咨询服务", "维保服务", "培训", "耗材"};
    /** Typical unit price in cents, per category; quantity = amount / unit price. */
    static final long[] UNIT_PRICE_CENTS = {80_000, 120_000, 5_000, 60_000, 300_000, 150_000, 80_000, 2_000};
    static final String[] SALES_CHANNELS = {"store", "online", "phone", "sales_rep"};

    // Interactions, indexed by InteractionType order.
    static final String[] INTERACTION_EN = {"enquiry", "visit", "call", "complaint", "service_ticket", "feedback"};
    static final String[] INTERACTION_ZH = {"咨询", "拜访", "电话", "投诉", "服务工单", "反馈"};
    static final String[] COMPLAINT_CATEGORIES = {"quality", "delivery", "price", "billing", "service"};
    static final String[][] COMPLAINT_EN = {
            {"Product defective on arrival", "Stopped working after a week", "Quality below the sample"},
            {"Delivery late by several days", "Wrong item delivered", "Package damaged in transit"},
            {"Charged more than quoted", "Competitor offers a lower price"},
            {"Invoice amount incorrect", "Charged twice for one order"},
            {"Support did not call back", "Rude service staff"}};
    static final String[][] COMPLAINT_ZH = {
            {"产品到货即损坏", "使用一周后出现故障", "质量与样品不符"},
            {"发货延迟多天", "发错货", "运输途中包装破损"},
            {"实际收费高于报价", "竞争对手价格更低"},
            {"发票金额有误", "同一订单重复扣款"},
            {"客服未按约定回电", "服务人员态度差"}};
    static final String[] RESOLUTION_EN = {"Replacement sent", "Reshipped by express", "Price difference refunded",
            "Invoice corrected", "Apologised and escalated"};
    static final String[] RESOLUTION_ZH = {"已换货", "已加急补发", "已退还差价", "已重开发票", "已致歉并升级处理"};
    static final String[] ENQUIRY_EN = {"Asked for a quotation", "Asked about product specifications",
            "Asked about a bulk discount", "Requested a product demo"};
    static final String[] ENQUIRY_ZH = {"询问报价", "咨询产品规格", "咨询批量采购折扣", "申请产品演示"};
    static final String[] ENQUIRY_ANSWER_EN = {"Quotation sent", "Specifications sent", "Discount terms sent",
            "Demo scheduled"};
    static final String[] ENQUIRY_ANSWER_ZH = {"已发送报价单", "已发送规格说明", "已发送折扣方案", "已安排演示"};
    static final String[] VISIT_EN = {"Quarterly business review", "On-site product training", "Relationship visit"};
    static final String[] VISIT_ZH = {"季度业务回顾", "上门产品培训", "客户关系拜访"};
    static final String[] CALL_EN = {"Follow-up call after purchase", "Renewal reminder call", "Satisfaction check call"};
    static final String[] CALL_ZH = {"购后回访电话", "续约提醒电话", "满意度回访"};
    static final String[] TICKET_EN = {"Installation request", "Maintenance request", "Software activation issue"};
    static final String[] TICKET_ZH = {"申请上门安装", "申请设备维护", "软件激活问题"};
    static final String[] TICKET_DONE_EN = {"Technician dispatched", "Serviced on site", "Licence reissued"};
    static final String[] TICKET_DONE_ZH = {"已派工程师上门", "已现场维护", "已重新发放授权"};
    static final String[] FEEDBACK_GOOD_EN = {"Very satisfied with the product", "Good service, will buy again",
            "Suggest more payment options"};
    static final String[] FEEDBACK_GOOD_ZH = {"对产品非常满意", "服务很好，会再次购买", "建议增加付款方式"};
    static final String[] FEEDBACK_POOR_EN = {"Disappointed with how the complaint was handled",
            "Expect a faster response", "Good product, slow delivery"};
    static final String[] FEEDBACK_POOR_ZH = {"对投诉处理结果不满意", "希望响应更及时", "产品不错，但发货太慢"};
    static final String[] CONTACT_CHANNELS = {"phone", "email", "wechat", "web"};
}
