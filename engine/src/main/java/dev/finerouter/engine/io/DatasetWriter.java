package dev.finerouter.engine.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.ModelSpec;
import dev.finerouter.engine.model.Prompt;
import dev.finerouter.engine.model.RoutingDataset;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes datasets in the JSONL routing format and pools as {@code models.json}, atomically and byte-for-byte
 * deterministically (fields in a fixed order, scores as shortest float text), so a seeded generator's output can be
 * checked by hash.
 */
public final class DatasetWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private DatasetWriter() {
    }

    /** Writes {@code routing.jsonl}-style lines for every prompt of the dataset. */
    public static void writeJsonl(RoutingDataset dataset, Path target) throws EngineException {
        AtomicFiles.write(target, out -> writeJsonl(dataset, out));
    }

    /** Writes the JSONL lines to a stream (not closed). */
    public static void writeJsonl(RoutingDataset dataset, OutputStream out) throws IOException {
        ModelPool pool = dataset.pool();
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.setRootValueSeparator(null);
            for (int r = 0; r < dataset.size(); r++) {
                Prompt p = dataset.prompts().get(r);
                g.writeStartObject();
                g.writeStringField("id", p.id());
                g.writeStringField("prompt", p.text());
                if (p.task() == null) {
                    g.writeNullField("task");
                } else {
                    g.writeStringField("task", p.task());
                }
                if (p.subtask() != null) {
                    g.writeStringField("subtask", p.subtask());
                }
                if (p.split() != null) {
                    g.writeStringField("split", p.split().label());
                }
                g.writeObjectFieldStart("scores");
                for (int c = 0; c < pool.size(); c++) {
                    float v = dataset.scores().get(r, c);
                    if (!Float.isNaN(v)) {
                        g.writeNumberField(pool.get(c).name(), v);
                    }
                }
                g.writeEndObject();
                if (dataset.observedCosts() != null) {
                    g.writeObjectFieldStart("costs");
                    for (int c = 0; c < pool.size(); c++) {
                        float v = dataset.observedCosts().get(r, c);
                        if (!Float.isNaN(v)) {
                            g.writeNumberField(pool.get(c).name(), v);
                        }
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
                g.flush();
                out.write('\n');
            }
        }
    }

    /** Writes the pool as {@code models.json} (USD per query and per 1k input/output tokens, exactly as held; null when unknown). */
    public static void writeModelsJson(ModelPool pool, Path target) throws EngineException {
        AtomicFiles.write(target, out -> {
            try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
                g.setPrettyPrinter(new DefaultPrettyPrinter());
                g.writeStartArray();
                for (ModelSpec m : pool.models()) {
                    g.writeStartObject();
                    g.writeStringField("name", m.name());
                    g.writeStringField("displayName", m.displayName());
                    writeNullable(g, "costPerQuery", m.costPerQuery());
                    writeNullable(g, "inputCostPer1kTokens", m.inputCostPer1kTokens());
                    writeNullable(g, "outputCostPer1kTokens", m.outputCostPer1kTokens());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeRaw('\n');
            }
        });
    }

    private static void writeNullable(JsonGenerator g, String field, Double value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }
}
