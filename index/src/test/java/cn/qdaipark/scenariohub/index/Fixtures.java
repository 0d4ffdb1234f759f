package cn.qdaipark.scenariohub.index;

import java.time.LocalDate;
import java.util.List;
import org.apache.lucene.store.ByteBuffersDirectory;

/** A small realistic catalogue for index tests. */
final class Fixtures {
    static final Embedder EMBEDDER = new HashingEmbedder();

    static final SolutionDoc VISION = new SolutionDoc(1, "S-vision", "基于深度学习的钢板表面缺陷在线检测系统",
            "机器视觉实时识别划痕、裂纹和氧化皮，替代人工目检",
            "采用工业线阵相机与边缘计算盒，在产线上实时采集钢板表面图像，深度学习模型识别划痕、裂纹、氧化皮等十余类缺陷，"
                    + "检测准确率达到99.2%，单件检测耗时小于1秒，可与MES系统对接并自动生成质检报表。",
            List.of("工业智能"), "复杂算法软件研发", List.of("机器视觉", "缺陷检测", "边缘计算"), "规模化应用",
            "青岛视达智能科技有限公司", "青岛市崂山区", List.of("已在某钢铁企业冷轧产线部署，漏检率低于0.5%"),
            "50-100万元", "published", 1_000L);

    static final SolutionDoc MAINTENANCE = new SolutionDoc(2, "S-phm", "旋转设备预测性维护平台",
            "振动与温度传感器数据驱动的故障预测", "在电机、风机、泵等旋转设备上加装振动和温度传感器，采集数据上传平台，"
                    + "通过时序模型提前7天预测轴承磨损和不对中等故障，自动生成维修工单，降低非计划停机。",
            List.of("工业智能"), "复杂算法软件研发", List.of("预测性维护", "振动分析", "工业互联网"), "试点应用",
            "青岛智维科技有限公司", "青岛市黄岛区", List.of(), "", "published", 2_000L);

    static final SolutionDoc ANTI_FRAUD = new SolutionDoc(3, "S-fraud", "银行交易实时反欺诈风控引擎",
            "图计算与机器学习识别电信诈骗和盗刷交易", "基于交易流水构建资金关系图谱，结合设备指纹和行为序列模型，毫秒级识别电信诈骗、"
                    + "盗刷和洗钱可疑交易，支持规则与模型混合决策，满足金融监管可解释要求。",
            List.of("智慧金融"), "复杂算法软件研发", List.of("反欺诈", "知识图谱", "风控"), "规模化应用",
            "青岛金盾数据科技有限公司", "青岛市市南区", List.of(), "100-200万元", "published", 3_000L);

    static final SolutionDoc ARCHIVED_VISION = new SolutionDoc(4, "S-old-vision", "钢板表面缺陷视觉检测系统（旧版）",
            "机器视觉识别钢板表面缺陷", "早期版本的钢板表面缺陷视觉检测系统，使用面阵相机识别划痕和裂纹。",
            List.of("工业智能"), "复杂算法软件研发", List.of("机器视觉", "缺陷检测"), "原型验证",
            "青岛视达智能科技有限公司", "青岛市崂山区", List.of(), "", "archived", 500L);

    static final SolutionDoc DRAFT_VISION = new SolutionDoc(5, "S-draft", "钢板缺陷检测草稿方案", "机器视觉检测钢板缺陷",
            "尚未发布的钢板表面缺陷检测方案。", List.of("工业智能"), "复杂算法软件研发", List.of("机器视觉"), "原型验证",
            "青岛某科技公司", "青岛市", List.of(), "", "draft", 600L);

    static final PostingDoc STEEL_DEMAND = new PostingDoc(11, "D-steel", "demand", "冷轧钢板表面质量智能检测需求",
            "我厂冷轧产线目前依靠人工目检钢板表面，划痕、裂纹等缺陷漏检严重，质检人员劳动强度大。希望引入视觉检测手段，"
                    + "在产线上自动发现表面缺陷并报警。",
            "工业智能", "青岛某钢铁有限公司", 200, LocalDate.of(2030, 6, 30),
            List.of("缺陷检测准确率≥99%", "单件检测时间≤2秒", "可对接MES系统", "支持红外热成像测温"),
            "青岛市", "open", 10_000L);

    static final PostingDoc EXPIRED_DEMAND = new PostingDoc(12, "D-expired", "challenge", "钢板表面缺陷检测揭榜挂帅",
            "面向全市钢铁企业征集钢板表面缺陷智能检测解决方案。", "工业智能", "青岛市工业和信息化局", 300,
            LocalDate.of(2020, 1, 31), List.of("检测准确率≥99%"), "青岛市", "open", 11_000L);

    static final PostingDoc CLOSED_DEMAND = new PostingDoc(13, "D-closed", "demand", "钢板表面缺陷检测（已关闭）",
            "钢板表面缺陷检测需求，已完成招标。", "工业智能", "青岛某钢铁有限公司", 100, null,
            List.of("检测准确率≥99%"), "青岛市", "closed", 12_000L);

    static final PostingDoc FRAUD_CHALLENGE = new PostingDoc(14, "D-fraud", "challenge", "电信网络诈骗资金拦截揭榜挂帅任务",
            "近年来电信网络诈骗案件高发，资金转移速度快，事后追回难。征集能够在转账环节实时识别涉诈交易并预警拦截的技术方案。",
            "智慧金融", "青岛市地方金融监督管理局", 500, null, List.of("识别准确率≥95%", "响应时间≤100毫秒"),
            "青岛市", "open", 13_000L);

    static final LocalDate TODAY = LocalDate.of(2026, 1, 15);

    private Fixtures() {
    }

    static ScenarioIndex emptyIndex() {
        return ScenarioIndex.open(new ByteBuffersDirectory(), new ByteBuffersDirectory());
    }

    static ScenarioIndex loadedIndex() {
        ScenarioIndex index = emptyIndex();
        for (SolutionDoc s : List.of(VISION, MAINTENANCE, ANTI_FRAUD, ARCHIVED_VISION, DRAFT_VISION)) {
            index.upsertSolution(s, EMBEDDER.embed(s.matchText()));
        }
        for (PostingDoc p : List.of(STEEL_DEMAND, EXPIRED_DEMAND, CLOSED_DEMAND, FRAUD_CHALLENGE)) {
            index.upsertPosting(p, EMBEDDER.embed(p.matchText()));
        }
        index.refresh();
        return index;
    }
}
