package dev.finerouter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.finerouter.engine.EngineException;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads prompts from JSON lines: {@code {"id": ..., "prompt": "..."}} (id optional: the line number) or a plain JSON
 * string. Blank lines are skipped; anything else is an error naming the line.
 */
final class PromptLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One prompt: its id and text. */
    record Item(JsonNode id, String text) {
    }

    private final BufferedReader in;
    private final String name;
    private int line;

    PromptLines(BufferedReader in, String name) {
        this.in = in;
        this.name = name;
    }

    /** Up to {@code max} next prompts; empty at the end. */
    List<Item> next(int max) throws EngineException {
        List<Item> out = new ArrayList<>();
        try {
            String s;
            while (out.size() < max && (s = in.readLine()) != null) {
                line++;
                if (!s.isBlank()) {
                    out.add(parse(s));
                }
            }
        } catch (IOException e) {
            throw new EngineException("cannot read " + name + " at line " + (line + 1) + ": " + e.getMessage(), e);
        }
        return out;
    }

    private Item parse(String s) throws EngineException {
        JsonNode n;
        try {
            n = JSON.readTree(s);
        } catch (IOException e) {
            throw bad("is not JSON");
        }
        if (n.isTextual()) {
            return new Item(IntNode.valueOf(line), n.asText());
        }
        if (n.isObject() && n.path("prompt").isTextual()) {
            JsonNode id = n.get("id");
            if (id != null && !id.isTextual() && !id.isNumber()) {
                throw bad("has an \"id\" that is neither a string nor a number");
            }
            return new Item(id == null ? IntNode.valueOf(line) : id, n.get("prompt").asText());
        }
        throw bad("needs {\"id\": ..., \"prompt\": \"...\"} or a JSON string");
    }

    private EngineException bad(String what) {
        return new EngineException(name + " line " + line + " " + what, "one prompt per line: {\"id\": \"p1\", \"prompt\": \"...\"}", null);
    }

    /** Every prompt of a reader. */
    static List<Item> readAll(BufferedReader in, String name) throws EngineException {
        PromptLines p = new PromptLines(in, name);
        List<Item> all = new ArrayList<>();
        List<Item> batch;
        while (!(batch = p.next(4096)).isEmpty()) {
            all.addAll(batch);
        }
        return all;
    }
}
