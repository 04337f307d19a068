package dev.finerouter.engine.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.finerouter.engine.model.ModelPool;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Streams the JSONL routing format: one object per line with {@code id}, {@code prompt}, {@code task},
 * {@code scores} ({model: score in [0,1] or null}), optional {@code split}, {@code subtask} and {@code costs}
 * ({model: USD}). Blank lines are ignored; unknown fields are warned about once each.
 */
public final class JsonlDatasetReader {
    private static final Set<String> KNOWN_FIELDS = Set.of("id", "prompt", "task", "subtask", "split", "scores", "costs");
    private static final JsonFactory JSON = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private JsonlDatasetReader() {
    }

    /**
     * Reads a dataset.
     *
     * @param file the JSONL file
     * @param pool the models from {@code models.json}, or {@code null} to take them from the scores
     * @param lenient skip bad rows and report them instead of stopping
     * @param name the dataset's name
     */
    public static LoadedDataset read(Path file, ModelPool pool, boolean lenient, String name) throws DataFormatException {
        DatasetAccumulator acc = new DatasetAccumulator(file, pool, lenient);
        try (HashingInput in = HashingInput.open(file)) {
            ByteLineReader reader = new ByteLineReader(in);
            long line = 0;
            while (reader.next()) {
                line++;
                if (reader.isBlank()) {
                    continue;
                }
                DatasetAccumulator.RawRow row;
                try {
                    row = parseLine(file, line, reader, acc);
                } catch (DataFormatException e) {
                    acc.rowFailed(e);
                    continue;
                }
                acc.add(row);
            }
            return acc.finish(name, in.sha256Hex());
        } catch (IOException e) {
            throw DataFormatException.cannotRead(file, e);
        }
    }

    private static DatasetAccumulator.RawRow parseLine(Path file, long line, ByteLineReader text, DatasetAccumulator acc)
            throws DataFormatException {
        String id = null;
        String prompt = null;
        String task = null;
        String subtask = null;
        String split = null;
        Map<String, Double> scores = null;
        Map<String, Double> costs = null;
        String field = null;
        try (JsonParser p = JSON.createParser(text.buffer(), text.offset(), text.length())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new DataFormatException(file, line, null, "expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "id" -> id = idValue(file, line, p, value);
                    case "prompt" -> prompt = stringValue(file, line, p, value, "prompt");
                    case "task" -> task = stringValue(file, line, p, value, "task");
                    case "subtask" -> subtask = stringValue(file, line, p, value, "subtask");
                    case "split" -> split = stringValue(file, line, p, value, "split");
                    case "scores" -> scores = numberMap(file, line, p, value, "scores");
                    case "costs" -> costs = numberMap(file, line, p, value, "costs");
                    default -> {
                        acc.warnUnknownField(field, line, KNOWN_FIELDS);
                        p.skipChildren();
                    }
                }
                field = null;
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new DataFormatException(file, line, null, "malformed JSON object");
            }
            if (p.nextToken() != null) {
                throw new DataFormatException(file, line, null, "extra content after the JSON object (one object per line)");
            }
        } catch (JsonParseException e) {
            throw new DataFormatException(file, line, field, "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DataFormatException(file, line, field, "malformed JSON: " + e.getMessage(), e);
        }
        if (prompt == null) {
            throw new DataFormatException(file, line, "prompt", "missing field 'prompt'" + (id == null ? "" : " (id " + id + ")"));
        }
        if (scores == null) {
            throw new DataFormatException(file, line, "scores", "missing field 'scores'" + (id == null ? "" : " (id " + id + ")"));
        }
        return new DatasetAccumulator.RawRow(line, id, prompt, task, subtask, split, scores, costs);
    }

    private static String idValue(Path file, long line, JsonParser p, JsonToken value) throws IOException, DataFormatException {
        if (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT) {
            return p.getText();
        }
        throw new DataFormatException(file, line, "id", "expected a string, got " + describe(value));
    }

    private static String stringValue(Path file, long line, JsonParser p, JsonToken value, String field)
            throws IOException, DataFormatException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw new DataFormatException(file, line, field, "expected a string, got " + describe(value));
        }
        return p.getText();
    }

    private static Map<String, Double> numberMap(Path file, long line, JsonParser p, JsonToken value, String field)
            throws IOException, DataFormatException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.START_OBJECT) {
            throw new DataFormatException(file, line, field, "expected an object {model: number}, got " + describe(value));
        }
        Map<String, Double> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String model = p.currentName();
            JsonToken v = p.nextToken();
            if (out.containsKey(model)) {
                throw new DataFormatException(file, line, field + "." + model, "model listed twice");
            }
            if (v == JsonToken.VALUE_NULL) {
                out.put(model, null);
            } else if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                out.put(model, p.getDoubleValue());
            } else {
                throw new DataFormatException(file, line, field + "." + model, "expected a number or null, got " + describe(v)
                        + (v == JsonToken.VALUE_STRING ? " \"" + p.getText() + "\"" : ""));
            }
        }
        return out;
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "end of input";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }
}
