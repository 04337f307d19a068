package dev.finerouter.engine.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.ModelSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code models.json}: a JSON list of {@code {name, displayName?, costPerQuery?, costPer1kTokens?,
 * inputCostPer1kTokens?, outputCostPer1kTokens?, inputPricePer1MTokensUSD?, outputPricePer1MTokensUSD?, ...}}.
 * Per side (input, output) the most specific price wins: per-1k input/output, then per-1M input/output (÷ 1000), then
 * the blended {@code costPer1kTokens}; {@code null} means unknown; other fields are ignored.
 */
public final class ModelsJsonReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ModelsJsonReader() {
    }

    /**
     * Reads the model pool.
     *
     * @throws DataFormatException naming the entry (1-based) and field when the file is malformed
     */
    public static ModelPool read(Path file) throws DataFormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, 0, null, "file not found");
        } catch (JsonProcessingException e) {
            throw new DataFormatException(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null,
                    "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DataFormatException(file, 0, null, "cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new DataFormatException(file, 1, null, "expected a JSON list of models");
        }
        List<ModelSpec> models = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode m = root.get(i);
            String where = "[" + i + "]";
            if (!m.isObject()) {
                throw new DataFormatException(file, 0, where, "expected an object");
            }
            String name = text(file, m, where, "name");
            if (name == null || name.isBlank()) {
                throw new DataFormatException(file, 0, where + ".name", "missing model name");
            }
            if (!names.add(name)) {
                throw new DataFormatException(file, 0, where + ".name", "model '" + name + "' is listed twice");
            }
            Double perQuery = price(file, m, where, "costPerQuery");
            Double blendedPer1k = price(file, m, where, "costPer1kTokens");
            Double inPer1M = price(file, m, where, "inputPricePer1MTokensUSD");
            Double outPer1M = price(file, m, where, "outputPricePer1MTokensUSD");
            Double inPer1kExact = price(file, m, where, "inputCostPer1kTokens");
            Double outPer1kExact = price(file, m, where, "outputCostPer1kTokens");
            Double inPer1k = inPer1kExact != null ? inPer1kExact : inPer1M != null ? Double.valueOf(inPer1M / 1000.0) : blendedPer1k;
            Double outPer1k = outPer1kExact != null ? outPer1kExact : outPer1M != null ? Double.valueOf(outPer1M / 1000.0) : blendedPer1k;
            models.add(new ModelSpec(name, text(file, m, where, "displayName"), perQuery, inPer1k, outPer1k));
        }
        if (models.isEmpty()) {
            throw new DataFormatException(file, 0, null, "the list of models is empty");
        }
        return new ModelPool(models);
    }

    private static String text(Path file, JsonNode m, String where, String field) throws DataFormatException {
        JsonNode v = m.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new DataFormatException(file, 0, where + "." + field, "expected a string");
        }
        return v.asText();
    }

    private static Double price(Path file, JsonNode m, String where, String field) throws DataFormatException {
        JsonNode v = m.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber() || v.asDouble() < 0 || !Double.isFinite(v.asDouble())) {
            throw new DataFormatException(file, 0, where + "." + field, "expected a number >= 0 or null, got " + v);
        }
        return v.asDouble();
    }
}
