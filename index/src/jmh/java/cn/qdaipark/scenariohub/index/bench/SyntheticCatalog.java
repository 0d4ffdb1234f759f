package cn.qdaipark.scenariohub.index.bench;

import cn.qdaipark.scenariohub.index.PostingDoc;
import cn.qdaipark.scenariohub.index.SolutionDoc;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Deterministic generator of realistic, varied Chinese catalogue records for benchmarks: solutions and postings
 * built from per-domain vocabularies (scenes, objects, problems) combined with shared lists of techniques,
 * deployment forms, metrics and company names. The same seed always yields the same records.
 *
 * <p>{@link #vector} gives random unit vectors from a seeded RNG: no embedding model needed, but the worst case for
 * HNSW (see {@link SyntheticEmbeddings} for the real embeddings of these texts).
 */
public final class SyntheticCatalog {
    static final List<String> DOMAINS = List.of("智能家居", "工业智能", "智慧城市", "智慧金融", "生命健康", "空天地海");
    static final List<String> TRACKS = List.of("信创硬件制造", "复杂算法软件研发", "模型训练与数据服务");
    static final List<String> MATURITY = List.of("规模化应用", "试点应用", "原型验证");
    static final List<String> REGIONS = List.of("青岛市崂山区", "青岛市市南区", "青岛市市北区", "青岛市李沧区", "青岛市黄岛区",
            "青岛市城阳区", "青岛市即墨区", "青岛市胶州市", "青岛市平度市", "青岛市莱西市", "青岛市");

    /** Per domain: scenes (where), objects (what is looked at), problems (what goes wrong), users (who buys). */
    private static final String[][][] DOMAIN_VOCAB = {
        { // 智能家居
            {"全屋智能", "厨房电器", "家庭能源", "居家养老", "智能安防", "家电售后", "精装住宅", "智慧社区"},
            {"空调", "冰箱", "洗衣机", "油烟机", "门锁", "照明", "窗帘", "热水器", "扫地机器人", "智能音箱"},
            {"故障判断难", "语音唤醒率低", "设备互不兼容", "能耗偏高", "老人跌倒无人发现", "误报频繁", "上门返修率高"},
            {"家电企业", "地产开发商", "物业公司", "社区养老中心", "家装公司"}},
        { // 工业智能
            {"钢铁冷轧", "汽车焊装", "纺织印染", "化工园区", "啤酒灌装", "电子装配", "橡胶轮胎", "机械加工"},
            {"钢板表面", "焊缝", "布面", "轴承", "电机", "减速机", "压缩机", "管道", "阀门", "X射线片"},
            {"漏检率高", "非计划停机", "能耗居高不下", "老师傅经验难传承", "排产靠人工", "质检人员流失", "备件积压"},
            {"制造企业", "工业园区", "装备厂商", "质检中心", "能源管理部门"}},
        { // 智慧城市
            {"城市交通", "供水管网", "燃气管网", "老旧小区", "城市内涝", "政务热线", "城市管理", "公共安全"},
            {"路口信号灯", "井盖", "电梯", "高空抛物", "渣土车", "积水点", "消防通道", "垃圾分类", "路灯"},
            {"高峰拥堵", "漏损严重", "诉求派单不准", "事件发现滞后", "巡查人力不足", "数据分散不共享", "应急响应慢"},
            {"城市管理局", "交通运输局", "水务集团", "街道办事处", "大数据局"}},
        { // 智慧金融
            {"信贷审批", "反欺诈", "保险理赔", "理财销售", "供应链金融", "反洗钱", "普惠金融", "跨境结算"},
            {"交易流水", "银行卡", "对公账户", "车险保单", "仓单", "贸易单证", "征信报告", "通话录音"},
            {"审批周期长", "涉诈账户难识别", "理赔欺诈", "合规检查靠抽查", "小微企业缺抵押", "风险传导难发现"},
            {"城市商业银行", "保险公司", "证券公司", "地方金融监管局", "融资担保公司"}},
        { // 生命健康
            {"基层医疗", "医学影像", "慢病管理", "智慧门诊", "病案管理", "药物研发", "康复护理", "公共卫生"},
            {"胸片", "CT影像", "病理切片", "电子病历", "血压数据", "血糖数据", "化合物", "基因序列", "随访记录"},
            {"阅片医生不足", "挂号分诊不准", "病案编码错误", "随访覆盖率低", "筛选周期长", "医保扣款", "排队时间长"},
            {"社区卫生服务中心", "三甲医院", "卫生健康委", "医药企业", "体检中心"}},
        { // 空天地海
            {"近海养殖", "远洋航运", "港口码头", "海岛物流", "海洋环境", "低空经济", "卫星遥感", "海上风电"},
            {"浒苔", "赤潮", "养殖网箱", "集装箱", "岸桥", "无人机", "远洋船舶", "浮标", "水下机器人", "航道"},
            {"发现不及时", "高处作业危险", "燃油消耗大", "物资运送难", "监测覆盖不足", "气象风险难预判", "人工巡检效率低"},
            {"海洋发展局", "港口集团", "航运公司", "海洋牧场企业", "海事局"}},
    };

    private static final String[] TECHNIQUES = {"深度学习", "机器视觉", "目标检测", "图像分割", "时序预测", "异常检测",
        "知识图谱", "大模型", "多模态大模型", "检索增强生成", "自然语言处理", "语音识别", "声纹识别", "强化学习",
        "联邦学习", "隐私计算", "数字孪生", "图神经网络", "迁移学习", "小样本学习", "边缘计算", "毫米波雷达", "激光雷达",
        "红外热成像", "物联网传感", "北斗定位", "卫星遥感", "运筹优化", "推荐算法", "OCR文字识别"};
    private static final String[] DEPLOYMENTS = {"私有化部署", "公有云SaaS", "边缘一体机", "端侧模组", "混合云部署",
        "国产信创服务器", "手机App", "微信小程序", "嵌入式终端", "训推一体机"};
    private static final String[] METRICS = {"准确率达到%d%%", "召回率超过%d%%", "误报率降低%d%%", "效率提升%d%%",
        "能耗下降%d%%", "响应时间缩短%d%%", "人力成本节约%d%%", "覆盖率达到%d%%", "停机时间减少%d%%"};
    private static final String[] PRODUCT_FORMS = {"平台", "系统", "终端", "引擎", "解决方案", "一体机", "服务", "模组", "套件"};
    private static final String[] COMPANY_WORDS = {"智能", "数据", "视觉", "海洋", "云图", "芯动", "慧联", "智维", "金盾",
        "医智", "城脑", "星图", "数科", "深蓝", "图灵", "知行"};

    private final long seed;

    public SyntheticCatalog(long seed) {
        this.seed = seed;
    }

    /** The i-th published solution; ids are {@code i + 1}. */
    public SolutionDoc solution(int i) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
        int d = r.nextInt(DOMAINS.size());
        String[][] v = DOMAIN_VOCAB[d];
        String scene = pick(r, v[0]);
        String object = pick(r, v[1]);
        String problem = pick(r, v[2]);
        String user = pick(r, v[3]);
        String tech1 = pick(r, TECHNIQUES);
        String tech2 = pick(r, TECHNIQUES);
        String deploy = pick(r, DEPLOYMENTS);
        String form = pick(r, PRODUCT_FORMS);
        String title = switch (r.nextInt(3)) {
            case 0 -> "基于" + tech1 + "的" + scene + object + "智能" + form;
            case 1 -> scene + object + tech1 + "分析" + form;
            default -> "面向" + scene + "的" + tech1 + "与" + tech2 + form;
        };
        String summary = "利用" + tech1 + "解决" + scene + "中" + object + problem + "的问题，支持" + deploy;
        StringBuilder description = new StringBuilder()
                .append("针对").append(user).append("在").append(scene).append("场景下").append(object)
                .append(problem).append("的痛点，方案融合").append(tech1).append("和").append(tech2)
                .append("技术，对").append(object).append("进行实时采集、自动识别与分析预警。")
                .append("系统支持").append(deploy).append("，可与现有业务系统对接，提供可视化管理界面和开放接口。");
        for (int k = 0, n = 1 + r.nextInt(3); k < n; k++) {
            description.append("经实际验证，").append(String.format(pick(r, METRICS), 10 + r.nextInt(89))).append("。");
        }
        if (r.nextBoolean()) {
            description.append("同时可扩展到").append(pick(r, v[0])).append("等相近场景，").append("覆盖")
                    .append(pick(r, v[1])).append("和").append(pick(r, v[1])).append("等对象。");
        }
        LinkedHashSet<String> tags = new LinkedHashSet<>(List.of(tech1, scene));
        for (int k = 0, n = r.nextInt(4); k < n; k++) {
            tags.add(r.nextBoolean() ? pick(r, TECHNIQUES) : pick(r, v[0]));
        }
        List<String> domains = new ArrayList<>(List.of(DOMAINS.get(d)));
        if (r.nextInt(5) == 0) {
            String other = DOMAINS.get(r.nextInt(DOMAINS.size()));
            if (!domains.contains(other)) {
                domains.add(other);
            }
        }
        List<String> cases = new ArrayList<>();
        for (int k = 0, n = r.nextInt(3); k < n; k++) {
            cases.add("已在某" + pick(r, v[3]) + "落地，" + String.format(pick(r, METRICS), 10 + r.nextInt(89)));
        }
        String provider = "青岛" + pick(r, COMPANY_WORDS) + pick(r, COMPANY_WORDS) + "科技有限公司";
        int low = 10 * (1 + r.nextInt(30));
        return new SolutionDoc(i + 1L, "SYN-S" + i, title, summary, description.toString(), domains,
                TRACKS.get(r.nextInt(TRACKS.size())), new ArrayList<>(tags), MATURITY.get(r.nextInt(MATURITY.size())),
                provider, REGIONS.get(r.nextInt(REGIONS.size())), cases, low + "-" + (low * 2) + "万元", "published",
                1_700_000_000_000L + i);
    }

    /** The i-th open posting, written the way buyers write: problems first, technology rarely named. */
    public PostingDoc posting(int i) {
        SplittableRandom r = new SplittableRandom(seed * 7_000_003L + 31L * i + 17);
        int d = r.nextInt(DOMAINS.size());
        String[][] v = DOMAIN_VOCAB[d];
        String scene = pick(r, v[0]);
        String object = pick(r, v[1]);
        String problem = pick(r, v[2]);
        boolean challenge = r.nextBoolean();
        String title = scene + object + "“" + problem + "”问题" + (challenge ? "揭榜挂帅任务" : "解决需求");
        String description = "我单位" + scene + "业务中，" + object + problem + "，目前主要依靠人工处理，"
                + "每年因此造成的损失和投诉不断增加。" + pick(r, v[3]) + "希望引入新的技术手段，在不明显增加成本的前提下，"
                + "及时发现" + pick(r, v[1]) + "的异常情况并给出处置建议，" + "同时能够与现有系统打通，减少重复录入。"
                + (r.nextBoolean() ? "如能利用" + pick(r, TECHNIQUES) + "等技术更好。" : "");
        List<String> requirements = new ArrayList<>();
        for (int k = 0, n = 1 + r.nextInt(4); k < n; k++) {
            requirements.add(String.format(pick(r, METRICS), 10 + r.nextInt(89)));
        }
        requirements.add("支持" + pick(r, DEPLOYMENTS));
        return new PostingDoc(i + 1L, "SYN-D" + i, challenge ? "challenge" : "demand", title, description,
                DOMAINS.get(d), challenge ? "青岛市工业和信息化局" : "某" + pick(r, v[3]), 50L + 10L * r.nextInt(50),
                LocalDate.of(2030, 1 + r.nextInt(12), 1 + r.nextInt(28)), requirements,
                REGIONS.get(r.nextInt(REGIONS.size())), "open", 1_700_000_000_000L + i);
    }

    /** A short search-box query, e.g. "港口 集装箱 识别". */
    public String searchText(int i) {
        SplittableRandom r = new SplittableRandom(seed * 9_000_011L + i);
        String[][] v = DOMAIN_VOCAB[r.nextInt(DOMAIN_VOCAB.length)];
        return switch (r.nextInt(3)) {
            case 0 -> pick(r, v[1]) + pick(r, TECHNIQUES);
            case 1 -> pick(r, v[0]) + " " + pick(r, v[2]);
            default -> pick(r, TECHNIQUES) + " " + pick(r, v[1]) + " " + pick(r, DEPLOYMENTS);
        };
    }

    /**
     * A random unit vector of the given dimension, the same for the same {@code key}: a stand-in for an embedding
     * (see the class comment).
     */
    public float[] vector(long key, int dimension) {
        Random r = new Random(seed ^ (key * 0x9E3779B97F4A7C15L));
        float[] v = new float[dimension];
        double norm = 0;
        for (int j = 0; j < dimension; j++) {
            v[j] = (float) r.nextGaussian();
            norm += v[j] * v[j];
        }
        norm = Math.sqrt(norm);
        for (int j = 0; j < dimension; j++) {
            v[j] = (float) (v[j] / norm);
        }
        return v;
    }

    private static String pick(SplittableRandom r, String[] options) {
        return options[r.nextInt(options.length)];
    }
}
