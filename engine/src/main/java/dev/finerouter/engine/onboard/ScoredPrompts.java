package dev.finerouter.engine.onboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.io.DataFormatException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A plan file scored for the new model: routing-data JSONL rows with an {@code id}, optionally the {@code prompt}, and
 * {@code scores} holding the new model's score in [0, 1] under its name ({@code null} or absent: the prompt was not
 * scored, and is left out). The plan's {@value OnboardPlan#FIELD} object is read when present; other fields are
 * ignored. Every error names the file, the line and the field.
 *
 * @param file the file read
 * @param model the new model's name
 * @param rows the scored rows, in file order
 * @param unscored rows without a score for the model
 */
public record ScoredPrompts(Path file, String model, List<Row> rows, int unscored) {
    public ScoredPrompts {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(model, "model");
        rows = List.copyOf(rows);
    }

    /**
     * One scored prompt.
     *
     * @param line its 1-based line in the file
     * @param id the prompt's id
     * @param text its text, or {@code null} when the row has none
     * @param score the new model's score, in [0, 1]
     * @param planSeed the seed of the plan that picked it, or {@code null} when the row carries no plan
     * @param planBundle the id of the bundle the plan was made for, or {@code null}
     */
    public record Row(long line, String id, String text, double score, Long planSeed, String planBundle) {
    }

    /**
     * Reads a scored plan.
     *
     * @param file the JSONL file
     * @param model the name the new model's scores are filed under
     * @throws EngineException when the file is missing or unreadable, a line is not a JSON object, a field has the wrong
     *         type or range, an id repeats, another model is scored, or no prompt is scored at all
     */
    public static ScoredPrompts read(Path file, String model) throws EngineException {
        if (!Files.isRegularFile(file)) {
            throw DataFormatException.missing(file, "the plan written by 'finerouter onboard plan', with the new model's scores filled in");
        }
        ObjectMapper json = new ObjectMapper();
        List<Row> rows = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        int unscored = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long line = 0;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = json.readTree(text);
                } catch (JsonProcessingException e) {
                    throw new DataFormatException(file, line, null, "malformed JSON: " + e.getOriginalMessage(), e);
                }
                if (node == null || !node.isObject()) {
                    throw new DataFormatException(file, line, null, "expected a JSON object");
                }
                String id = id(file, line, node.get("id"));
                Long first = seen.putIfAbsent(id, line);
                if (first != null) {
                    throw new DataFormatException(file, line, "id", "duplicate id '" + id + "' (first seen on line " + first + ")");
                }
                Double score = score(file, line, node.get("scores"), model);
                if (score == null) {
                    unscored++;
                    continue;
                }
                JsonNode prompt = node.get("prompt");
                if (prompt != null && !prompt.isNull() && !prompt.isTextual()) {
                    throw new DataFormatException(file, line, "prompt", "expected a string");
                }
                JsonNode plan = node.path(OnboardPlan.FIELD);
                rows.add(new Row(line, id, prompt == null || prompt.isNull() ? null : prompt.asText(), score,
                        plan.path("seed").canConvertToLong() ? plan.path("seed").asLong() : null,
                        plan.path("bundle").isTextual() ? plan.path("bundle").asText() : null));
            }
        } catch (IOException e) {
            throw DataFormatException.cannotRead(file, e);
        }
        if (rows.isEmpty()) {
            throw new DataFormatException(file, 0, "scores." + model, "no prompt has a score for " + model
                    + " (" + unscored + " rows without one)", "fill in each row's \"scores\": {\"" + model + "\": 0.0 … 1.0}", null);
        }
        return new ScoredPrompts(file, model, rows, unscored);
    }

    private static String id(Path file, long line, JsonNode id) throws DataFormatException {
        if (id == null || id.isNull()) {
            throw new DataFormatException(file, line, "id", "missing field 'id' (the prompt's id from the plan)");
        }
        if (!(id.isTextual() || id.isIntegralNumber()) || id.asText().isBlank()) {
            throw new DataFormatException(file, line, "id", "expected a non-blank string");
        }
        return id.asText();
    }

    /** The new model's score of a row, {@code null} when it has none. */
    private static Double score(Path file, long line, JsonNode scores, String model) throws DataFormatException {
        if (scores == null || scores.isNull()) {
            throw new DataFormatException(file, line, "scores", "missing field 'scores' (an object {\"" + model + "\": score})");
        }
        if (!scores.isObject()) {
            throw new DataFormatException(file, line, "scores", "expected an object {\"" + model + "\": score}");
        }
        for (Iterator<String> names = scores.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals(model)) {
                throw new DataFormatException(file, line, "scores." + name, "scores another model than " + model
                        + "; a plan is scored for the one new model named by --model");
            }
        }
        JsonNode v = scores.get(model);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new DataFormatException(file, line, "scores." + model, "expected a number in [0, 1] or null, got " + v);
        }
        double s = v.asDouble();
        if (!(s >= 0 && s <= 1)) {
            throw new DataFormatException(file, line, "scores." + model, "score " + s + " is outside [0, 1]");
        }
        return s;
    }
}
