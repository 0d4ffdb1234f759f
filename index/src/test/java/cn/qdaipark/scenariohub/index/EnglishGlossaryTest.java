package cn.qdaipark.scenariohub.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EnglishGlossaryTest {
    private static final EnglishGlossary GLOSSARY = EnglishGlossary.parse("""
            # a comment
            fall => 跌倒
            fall detection => 跌倒检测, 跌倒
            detection => 检测
            port, harbour => 港口
            anti money laundering, aml => 反洗钱
            drone, uav => 无人机
            a line without an arrow
            """);

    @Test
    @DisplayName("a phrase is read before its words, so fall detection is not also fall and detection")
    void longestTermFirst() {
        assertThat(GLOSSARY.chineseOf("Fall Detection radar")).containsExactly("跌倒检测", "跌倒");
        assertThat(GLOSSARY.chineseOf("fall and object detection")).containsExactlyInAnyOrder("跌倒", "检测");
    }

    @Test
    @DisplayName("terms match as whole words, whatever the case, hyphens or plural")
    void wholeWords() {
        assertThat(GLOSSARY.chineseOf("Anti-Money-Laundering")).containsExactly("反洗钱");
        assertThat(GLOSSARY.chineseOf("drones for harbours")).containsExactlyInAnyOrder("无人机", "港口");
        assertThat(GLOSSARY.chineseOf("airport support passport")).isEmpty();
        assertThat(GLOSSARY.chineseOf("UAV巡检")).containsExactly("无人机");
    }

    @Test
    @DisplayName("a Chinese, empty or unknown text is left as it is")
    void nothingToAdd() {
        assertThat(GLOSSARY.withChinese("无人机巡检")).isEqualTo("无人机巡检");
        assertThat(GLOSSARY.withChinese(null)).isEmpty();
        assertThat(GLOSSARY.withChinese("quantum teleportation")).isEqualTo("quantum teleportation");
        assertThat(GLOSSARY.inChinese("无人机巡检")).isEqualTo("无人机巡检");
        assertThat(GLOSSARY.inChinese("quantum teleportation")).isEqualTo("quantum teleportation");
    }

    @Test
    @DisplayName("the searched text keeps the English words, the embedded one has them in Chinese")
    void searchedAndEmbeddedTexts() {
        assertThat(GLOSSARY.withChinese("drone inspection")).isEqualTo("drone inspection 无人机");
        assertThat(GLOSSARY.inChinese("Drone inspection for the harbour")).isEqualTo("无人机 inspection for the 港口");
        assertThat(GLOSSARY.inChinese("fall detection 雷达")).isEqualTo("跌倒检测 跌倒 雷达");
    }

    @Test
    @DisplayName("an English prefix of two or more letters gives the Chinese forms of the terms it starts")
    void prefixes() {
        assertThat(GLOSSARY.chineseForPrefix("dro")).containsExactly("无人机");
        assertThat(GLOSSARY.chineseForPrefix("drones")).containsExactly("无人机");
        assertThat(GLOSSARY.chineseForPrefix("Fall")).containsExactly("跌倒", "跌倒检测");
        assertThat(GLOSSARY.chineseForPrefix("d")).isEmpty();
        assertThat(GLOSSARY.chineseForPrefix("无人")).isEmpty();
        assertThat(GLOSSARY.chineseForPrefix("zz")).isEmpty();
    }

    @Test
    @DisplayName("the platform's glossary loads and covers the queries people asked about")
    void defaultGlossary() {
        EnglishGlossary glossary = EnglishGlossary.loadDefault();
        assertThat(glossary.chineseOf("drone inspection")).contains("无人机巡检");
        assertThat(glossary.chineseOf("smart elderly care")).contains("智慧养老");
        assertThat(glossary.chineseOf("industrial defect detection")).contains("缺陷检测");
        assertThat(glossary.chineseOf("port crane")).contains("岸桥");
    }
}
