package cn.qdaipark.scenariohub.index;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * bge-small-zh-v1.5 running in-process on ONNX (the model and tokenizer that langchain4j's bge-small-zh-v15 jar
 * ships), CLS pooling. Loading takes seconds, so create one per JVM and share it; it is thread-safe.
 *
 * <p>{@link #embedAll} runs several texts per model call, sorted by token count so a batch pads little, with the
 * same vectors (attention masks out the padding; cosine to the single-text vector ≥ 0.9999). ONNX Runtime's idle
 * threads do not spin by default here: on a machine whose cores are shared that spinning only burns CPU another
 * thread needs (measured in {@code index/BENCHMARKS.md}, "Embedding speed").
 */
public final class BgeSmallZhEmbedder implements Embedder, AutoCloseable {
    /** The model's name, as an import that brings its own vectors must give it. */
    public static final String MODEL_ID = "bge-small-zh-v1.5";
    public static final int DIMENSION = 512;
    /** The model window is 512 tokens; Chinese is about one token per character, so cut before that. */
    static final int MAX_CHARS = 500;
    private static final int MAX_TOKENS = 512;
    private static final String MODEL = "/bge-small-zh-v1.5.onnx";
    private static final String TOKENIZER = "/bge-small-zh-v1.5-tokenizer.json";

    /**
     * How the model runs. {@code intraOpThreads} 0 lets ONNX Runtime pick (one per physical core, which on a machine of
     * two hyperthreads is one); {@code spinning} lets its idle threads busy-wait for the next step; {@code maxBatch} is
     * the most texts of one model call. The default runs each call on its caller's core, so that callers on every core
     * (the bulk lane) use them all, on any machine (index/BENCHMARKS.md, "Embedding speed").
     */
    public record Settings(int intraOpThreads, boolean spinning, OptLevel optimization, int maxBatch) {
        public static final Settings DEFAULT = new Settings(1, false, OptLevel.ALL_OPT, 16);
    }

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean takesTokenTypes;
    private final int maxBatch;

    public BgeSmallZhEmbedder() {
        this(Settings.DEFAULT);
    }

    public BgeSmallZhEmbedder(Settings settings) {
        if (settings.maxBatch() < 1) {
            throw new IllegalArgumentException("maxBatch must be positive");
        }
        this.maxBatch = settings.maxBatch();
        try (SessionOptions options = new SessionOptions();
             InputStream model = resource(MODEL);
             InputStream vocabulary = resource(TOKENIZER)) {
            if (settings.intraOpThreads() > 0) {
                options.setIntraOpNumThreads(settings.intraOpThreads());
            }
            if (!settings.spinning()) {
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
            }
            options.setOptimizationLevel(settings.optimization());
            session = environment.createSession(model.readAllBytes(), options);
            takesTokenTypes = session.getInputNames().contains("token_type_ids");
            tokenizer = HuggingFaceTokenizer.newInstance(vocabulary, Map.of("padding", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load bge-small-zh-v1.5", e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load bge-small-zh-v1.5", e);
        }
    }

    @Override
    public float[] embed(String text) {
        return embedAll(List.of(Texts.orEmpty(text))).get(0);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        long[][] ids = new long[texts.size()][];
        Integer[] order = new Integer[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            ids[i] = tokenIds(texts.get(i));
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> ids[i].length));
        float[][] vectors = new float[texts.size()][];
        for (int from = 0; from < order.length; from += maxBatch) {
            Integer[] batch = Arrays.copyOfRange(order, from, Math.min(order.length, from + maxBatch));
            float[][] cls = run(Arrays.stream(batch).map(i -> ids[i]).toArray(long[][]::new));
            for (int b = 0; b < batch.length; b++) {
                vectors[batch[b]] = Vectors.normalized(cls[b]);
            }
        }
        return new ArrayList<>(Arrays.asList(vectors));
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public String modelId() {
        return MODEL_ID;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        } finally {
            tokenizer.close();
        }
    }

    /** [CLS] text [SEP] as the tokenizer's ids, the text cut at {@link #MAX_CHARS} and the ids at the window. */
    private long[] tokenIds(String text) {
        String input = Texts.isBlank(text) ? " " : text.strip();
        if (input.length() > MAX_CHARS) {
            input = input.substring(0, MAX_CHARS);
        }
        Encoding encoding = tokenizer.encode(input, true, false);
        long[] ids = encoding.getIds();
        if (ids.length > MAX_TOKENS) {
            long sep = ids[ids.length - 1];
            ids = Arrays.copyOf(ids, MAX_TOKENS);
            ids[MAX_TOKENS - 1] = sep;
        }
        return ids;
    }

    /** One model call on texts padded to the longest; the first token's hidden state of each. */
    private float[][] run(long[][] batch) {
        int length = Arrays.stream(batch).mapToInt(ids -> ids.length).max().orElse(0);
        long[] inputIds = new long[batch.length * length];
        long[] mask = new long[batch.length * length];
        for (int b = 0; b < batch.length; b++) {
            System.arraycopy(batch[b], 0, inputIds, b * length, batch[b].length);
            Arrays.fill(mask, b * length, b * length + batch[b].length, 1L);
        }
        long[] shape = {batch.length, length};
        try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(inputIds), shape);
             OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
             OnnxTensor typeTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[inputIds.length]), shape)) {
            Map<String, OnnxTensor> inputs = takesTokenTypes
                    ? Map.of("input_ids", idTensor, "attention_mask", maskTensor, "token_type_ids", typeTensor)
                    : Map.of("input_ids", idTensor, "attention_mask", maskTensor);
            try (OrtSession.Result result = session.run(inputs)) {
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                int width = hidden.capacity() / (batch.length * length);
                float[][] cls = new float[batch.length][width];
                for (int b = 0; b < batch.length; b++) {
                    hidden.get(b * length * width, cls[b]);
                }
                return cls;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("bge-small-zh-v1.5 failed on a batch of " + batch.length, e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = BgeSmallZhV15EmbeddingModel.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the classpath (langchain4j bge-small-zh-v15 jar)");
        }
        return in;
    }
}
