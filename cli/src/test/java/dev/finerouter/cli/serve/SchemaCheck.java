package dev.finerouter.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A small structural check of JSON against an OpenAPI 3.0 schema, enough to hold the server's answers to its
 * description: {@code $ref} (within the document), {@code oneOf} (exactly one match), {@code type}, {@code nullable},
 * {@code enum}, {@code required}, {@code properties}, {@code items}, {@code minItems}, {@code minimum} and
 * {@code maximum}. Other keywords (formats, {@code additionalProperties}, …) are not checked.
 */
final class SchemaCheck {
    private final JsonNode document;

    /** @param document the OpenAPI document that {@code $ref}s point into */
    SchemaCheck(JsonNode document) {
        this.document = document;
    }

    /** What is wrong with {@code value} against {@code schema}, one line each, naming the JSON path; empty when it fits. */
    List<String> problems(JsonNode value, JsonNode schema) {
        List<String> out = new ArrayList<>();
        check(value, schema, "$", out);
        return out;
    }

    /** The schema a {@code {"$ref": "#/a/b"}} points to, or the schema itself. */
    JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int depth = 0; s.has("$ref"); depth++) {
            String ref = s.get("$ref").asText();
            if (!ref.startsWith("#/") || depth > 16) {
                throw new IllegalArgumentException("unsupported or circular $ref '" + ref + "'");
            }
            JsonNode target = document.at(ref.substring(1));
            if (target.isMissingNode()) {
                throw new IllegalArgumentException("$ref '" + ref + "' points at nothing");
            }
            s = target;
        }
        return s;
    }

    private void check(JsonNode value, JsonNode schemaOrRef, String at, List<String> out) {
        JsonNode schema = resolve(schemaOrRef);
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false) && schema.has("type")) {
                out.add(at + ": null, but the schema does not allow null");
            }
            return;
        }
        if (schema.has("oneOf")) {
            int matches = 0;
            List<String> why = new ArrayList<>();
            for (JsonNode alternative : schema.get("oneOf")) {
                List<String> p = new ArrayList<>();
                check(value, alternative, at, p);
                if (p.isEmpty()) {
                    matches++;
                } else {
                    why.add(String.join("; ", p));
                }
            }
            if (matches != 1) {
                out.add(at + ": matches " + matches + " of the oneOf alternatives, not exactly one" + (why.isEmpty() ? "" : " " + why));
            }
        }
        String type = schema.path("type").asText(null);
        if (type != null && !hasType(value, type)) {
            out.add(at + ": expected " + type + ", was " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + abbreviate(value));
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                found |= e.equals(value);
            }
            if (!found) {
                out.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.doubleValue() < schema.get("minimum").doubleValue()) {
                out.add(at + ": " + value + " is below the minimum " + schema.get("minimum"));
            }
            if (schema.has("maximum") && value.doubleValue() > schema.get("maximum").doubleValue()) {
                out.add(at + ": " + value + " is above the maximum " + schema.get("maximum"));
            }
        }
        if (value.isObject()) {
            for (JsonNode name : schema.path("required")) {
                if (!value.has(name.asText())) {
                    out.add(at + ": the required property '" + name.asText() + "' is missing");
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                if (value.has(p.getKey())) {
                    check(value.get(p.getKey()), p.getValue(), at + "." + p.getKey(), out);
                }
            }
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                out.add(at + ": " + value.size() + " items, fewer than " + schema.get("minItems"));
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), schema.get("items"), at + "[" + i + "]", out);
                }
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> throw new IllegalArgumentException("unknown schema type '" + type + "'");
        };
    }

    private static String abbreviate(JsonNode value) {
        String s = value.toString();
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
