package dev.finerouter.engine.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.ModelSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads {@code models.json}: a JSON list of {@code {name, displayName?, costPerQuery?, costPer1kTokens?,
 * inputCostPer1kTokens?, outputCostPer1kTokens?, inputPricePer1MTokensUSD?, outputPricePer1MTokensUSD?}}.
 * Per side (input, output) the most specific price wins: per-1k input/output, then per-1M input/output (÷ 1000), then
 * the blended {@code costPer1kTokens}; {@code null} means unknown.
 *
 * <p>Checks, with file, line and field in every message: a price must be a finite number in [0, {@value #MAX_PRICE}]
 * USD (an error otherwise; anything larger is no price and would overflow cost sums); a price above the plausibility
 * bound — {@value #PLAUSIBLE_PER_QUERY} USD per query, {@value #PLAUSIBLE_PER_1K} USD per 1k tokens (= 1,000 USD per
 * 1M) — is a warning (usually a per-1k/per-1M mix-up). Keys that are neither prices nor the informational
 * {@link #INFORMATIONAL_FIELDS} are warned about once each, with the nearest known key ("did you mean").
 */
public final class ModelsJsonReader {
    /** Price fields, in the order they are read. */
    static final List<String> PRICE_FIELDS = List.of("costPerQuery", "costPer1kTokens", "inputCostPer1kTokens", "outputCostPer1kTokens",
            "inputPricePer1MTokensUSD", "outputPricePer1MTokensUSD");
    /** Fields that carry provenance only and are accepted without a warning. */
    public static final Set<String> INFORMATIONAL_FIELDS = Set.of("source", "apiModel", "size", "provider", "description", "notes");
    /** Largest value any price field may hold, in USD. */
    public static final double MAX_PRICE = 1e9;
    /** Plausibility bound of {@code costPerQuery}, in USD: above it a warning. */
    public static final double PLAUSIBLE_PER_QUERY = 10;
    /** Plausibility bound of per-1k-token prices, in USD (1,000 USD per 1M tokens): above it a warning. */
    public static final double PLAUSIBLE_PER_1K = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> KNOWN_FIELDS;

    static {
        Set<String> k = new LinkedHashSet<>(List.of("name", "displayName"));
        k.addAll(PRICE_FIELDS);
        KNOWN_FIELDS = java.util.Collections.unmodifiableSet(k);
    }

    private ModelsJsonReader() {
    }

    /**
     * Reads the model pool, dropping warnings (use {@link #read(Path, Consumer)} to see them).
     *
     * @throws DataFormatException naming the line and field when the file is malformed
     */
    public static ModelPool read(Path file) throws DataFormatException {
        return read(file, w -> { });
    }

    /**
     * Reads the model pool.
     *
     * @param warnings receives each warning (unknown keys, implausible prices) as {@code models.json:LINE: field '…': …}
     * @throws DataFormatException naming the line and field when the file is malformed
     */
    public static ModelPool read(Path file, Consumer<String> warnings) throws DataFormatException {
        try {
            return readEntries(file, warnings);
        } catch (DataFormatException e) {
            if (!DataFormatException.ROW_HINT.equals(e.hint())) {
                throw e;
            }
            throw new DataFormatException(file, e.line(), e.field(), e.problem(), ENTRY_HINT, e.getCause());
        }
    }

    /** The hint for a bad entry of models.json, which --lenient cannot skip. */
    static final String ENTRY_HINT = "fix the entry in models.json (--lenient skips bad data rows, not models.json entries; "
            + "its keys are listed in the README under 'Data format')";

    private static ModelPool readEntries(Path file, Consumer<String> warnings) throws DataFormatException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw DataFormatException.missing(file, "a models.json file: a JSON list of {\"name\", prices...}");
        } catch (IOException e) {
            throw DataFormatException.cannotRead(file, e);
        }
        List<Entry> entries = parse(file, bytes);
        List<ModelSpec> models = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> warnedKeys = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            String where = "[" + i + "]";
            for (Map.Entry<String, Long> f : e.lines.entrySet()) {
                String key = f.getKey();
                if (!KNOWN_FIELDS.contains(key) && !INFORMATIONAL_FIELDS.contains(key) && warnedKeys.add(key)) {
                    warnings.accept(DataFormatException.format(file, f.getValue(), where + "." + key,
                            "unknown key is ignored" + FieldNames.didYouMean(key, KNOWN_FIELDS)));
                }
            }
            String name = text(file, e, where, "name");
            if (name == null || name.isBlank()) {
                throw new DataFormatException(file, e.line, where + ".name", "missing model name");
            }
            if (!names.add(name)) {
                throw new DataFormatException(file, e.line(("name")), where + ".name", "model '" + name + "' is listed twice");
            }
            Double perQuery = price(file, e, where, "costPerQuery", PLAUSIBLE_PER_QUERY, "per query", warnings);
            Double blendedPer1k = price(file, e, where, "costPer1kTokens", PLAUSIBLE_PER_1K, "per 1k tokens", warnings);
            Double inPer1M = price(file, e, where, "inputPricePer1MTokensUSD", PLAUSIBLE_PER_1K * 1000, "per 1M tokens", warnings);
            Double outPer1M = price(file, e, where, "outputPricePer1MTokensUSD", PLAUSIBLE_PER_1K * 1000, "per 1M tokens", warnings);
            Double inPer1kExact = price(file, e, where, "inputCostPer1kTokens", PLAUSIBLE_PER_1K, "per 1k tokens", warnings);
            Double outPer1kExact = price(file, e, where, "outputCostPer1kTokens", PLAUSIBLE_PER_1K, "per 1k tokens", warnings);
            Double inPer1k = inPer1kExact != null ? inPer1kExact : inPer1M != null ? Double.valueOf(inPer1M / 1000.0) : blendedPer1k;
            Double outPer1k = outPer1kExact != null ? outPer1kExact : outPer1M != null ? Double.valueOf(outPer1M / 1000.0) : blendedPer1k;
            models.add(new ModelSpec(name, text(file, e, where, "displayName"), perQuery, inPer1k, outPer1k));
        }
        if (models.isEmpty()) {
            throw new DataFormatException(file, 0, null, "the list of models is empty");
        }
        return new ModelPool(models);
    }

    /** One entry of the list: its fields, the line of each key, and the line the entry starts on. */
    private record Entry(ObjectNode node, Map<String, Long> lines, long line) {
        long line(String field) {
            return lines.getOrDefault(field, line);
        }
    }

    private static List<Entry> parse(Path file, byte[] bytes) throws DataFormatException {
        List<Entry> out = new ArrayList<>();
        try (JsonParser p = MAPPER.getFactory().createParser(bytes)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_ARRAY) {
                throw new DataFormatException(file, t == null ? 0 : p.currentTokenLocation().getLineNr(), null, "expected a JSON list of models");
            }
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new DataFormatException(file, p.currentLocation().getLineNr(), null, "malformed JSON: the list is not closed");
                }
                long line = p.currentTokenLocation().getLineNr();
                if (t != JsonToken.START_OBJECT) {
                    throw new DataFormatException(file, line, "[" + out.size() + "]", "expected an object");
                }
                ObjectNode node = MAPPER.createObjectNode();
                Map<String, Long> lines = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    lines.put(key, (long) p.currentTokenLocation().getLineNr());
                    p.nextToken();
                    node.set(key, MAPPER.readTree(p));
                }
                out.add(new Entry(node, lines, line));
            }
            if (p.nextToken() != null) {
                throw new DataFormatException(file, p.currentTokenLocation().getLineNr(), null, "extra content after the list of models");
            }
        } catch (JsonProcessingException e) {
            throw new DataFormatException(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null,
                    "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DataFormatException(file, 0, null, "cannot read: " + e.getMessage(), e);
        }
        return out;
    }

    private static String text(Path file, Entry e, String where, String field) throws DataFormatException {
        JsonNode v = e.node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new DataFormatException(file, e.line(field), where + "." + field, "expected a string");
        }
        return v.asText();
    }

    private static Double price(Path file, Entry e, String where, String field, double plausible, String unit, Consumer<String> warnings)
            throws DataFormatException {
        JsonNode v = e.node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        long line = e.line(field);
        if (!v.isNumber()) {
            throw new DataFormatException(file, line, where + "." + field, "expected a number >= 0 or null, got " + v);
        }
        double d = v.asDouble();
        if (!Double.isFinite(d) || d < 0 || d > MAX_PRICE) {
            throw new DataFormatException(file, line, where + "." + field, "price " + v + " is not a finite number in [0, "
                    + String.format(Locale.ROOT, "%.0e", MAX_PRICE) + "] USD; costs computed from it would be meaningless");
        }
        if (d > plausible) {
            warnings.accept(DataFormatException.format(file, line, where + "." + field, "price " + v + " USD " + unit
                    + " is above the plausibility bound of " + fmt(plausible) + " USD " + unit + "; check the unit (per query, per 1k or per 1M tokens)"));
        }
        return d;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
