package cn.qdaipark.scenariohub.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bulk import embeds many texts per model call (padded, sorted by length): the vectors must be those of one text
 * per call, and those of the langchain4j model the vectors already stored were computed with.
 */
class BatchedEmbeddingTest {
    private static final List<String> TEXTS = texts();

    @Test
    void aBatchGivesEveryTextTheVectorItGetsAlone() {
        BgeSmallZhEmbedder model = SharedBgeEmbedder.model();
        List<float[]> batched = model.embedAll(TEXTS);
        assertThat(batched).hasSize(TEXTS.size());
        for (int i = 0; i < TEXTS.size(); i++) {
            float[] alone = model.embed(TEXTS.get(i));
            assertThat(batched.get(i)).hasSize(BgeSmallZhEmbedder.DIMENSION);
            assertThat(Vectors.cosine(batched.get(i), alone)).as("text %d", i).isGreaterThanOrEqualTo(0.999);
        }
    }

    @Test
    void vectorsStayThoseOfTheLangchain4jModel() {
        BgeSmallZhV15EmbeddingModel langchain4j = new BgeSmallZhV15EmbeddingModel();
        List<float[]> batched = SharedBgeEmbedder.model().embedAll(TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) {
            String text = TEXTS.get(i).strip();
            if (text.isEmpty()) {
                continue;
            }
            float[] before = langchain4j.embed(text.substring(0, Math.min(text.length(), BgeSmallZhEmbedder.MAX_CHARS)))
                    .content().vector();
            assertThat(Vectors.cosine(batched.get(i), before)).as("text %d", i).isGreaterThanOrEqualTo(0.999);
        }
    }

    @Test
    void anEmptyListAndABlankTextAreFine() {
        assertThat(SharedBgeEmbedder.model().embedAll(List.of())).isEmpty();
        assertThat(SharedBgeEmbedder.model().embed("  ")).hasSize(BgeSmallZhEmbedder.DIMENSION);
    }

    /** Texts of very different lengths, in an order that is not by length: short, long, blank, English, cut. */
    private static List<String> texts() {
        List<String> texts = new ArrayList<>();
        texts.add(Fixtures.VISION.matchText());
        texts.add("钢板缺陷");
        texts.add(Fixtures.STEEL_DEMAND.matchText());
        texts.add(" ");
        texts.add(Fixtures.MAINTENANCE.matchText());
        texts.add("Real-time anti-fraud engine for bank transactions, GPU inference, 99.9% recall");
        texts.add("冷轧钢板表面质量智能检测，".repeat(60));
        texts.add(Fixtures.ANTI_FRAUD.matchText());
        texts.add(Fixtures.FRAUD_CHALLENGE.matchText());
        return texts;
    }
}
