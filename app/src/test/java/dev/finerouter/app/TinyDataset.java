package dev.finerouter.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A 60-prompt dataset in three clear groups (math, translation, code), each with its own best model. */
final class TinyDataset {
    private TinyDataset() {
    }

    static Path write(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        String[] subjects = {"apples", "trains", "coins", "books", "birds", "chairs", "stars", "cups", "boats", "lamps"};
        for (int i = 0; i < 60; i++) {
            int group = i % 3;
            int n = i / 3;
            String text = switch (group) {
                case 0 -> String.format(Locale.ROOT, "Solve the arithmetic word problem: %d %s plus %d %s, how many in total?", n + 2,
                        subjects[n % 10], 3 * n + 1, subjects[n % 10]);
                case 1 -> String.format(Locale.ROOT, "Translate this sentence into French: 'The %s are on the table number %d.'",
                        subjects[n % 10], n);
                default -> String.format(Locale.ROOT, "Write a Python function that sorts a list of %d %s by weight.", n + 3,
                        subjects[n % 10]);
            };
            String task = new String[]{"math", "translation", "code"}[group];
            String split = i % 10 == 8 ? "dev" : i % 10 == 9 ? "test" : "train";
            double a = group == 0 ? 1.0 : 0.2;
            double b = group == 1 ? 0.95 : 0.1;
            double c = group == 2 ? 0.9 : 0.3;
            sb.append(String.format(Locale.ROOT,
                    "{\"id\":\"t%02d\",\"prompt\":\"%s\",\"task\":\"%s\",\"split\":\"%s\",\"scores\":{\"model-a\":%.2f,\"model-b\":%.2f,\"model-c\":%.2f}}%n",
                    i, text.replace("\"", "\\\""), task, split, a, b, c));
        }
        Path file = dir.resolve("tiny.jsonl");
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Like {@link #write} but priced (model-a dear, model-c cheap) and with two near-best models per group that
     * alternate as the best, so tasks get several candidates and the cost tolerance changes decisions.
     */
    static Path writePriced(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        String[] lines = Files.readString(write(dir), StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            int group = i % 3;
            int n = i / 3;
            double hi = 0.95;
            double lo = 0.85;
            boolean flip = n % 2 == 1;
            double a = group == 2 ? 0.2 : flip ? lo : hi;
            double b = group == 0 ? (flip ? hi : lo) : group == 1 ? 0.9 : (flip ? lo : hi);
            double c = group == 0 ? 0.3 : group == 1 ? (flip ? hi : lo) : (flip ? hi : lo);
            String line = lines[i].replaceAll("\"scores\":\\{.*\\}\\}$", "");
            sb.append(line).append(String.format(Locale.ROOT,
                    "\"scores\":{\"model-a\":%.2f,\"model-b\":%.2f,\"model-c\":%.2f},"
                            + "\"costs\":{\"model-a\":0.01,\"model-b\":0.002,\"model-c\":0.0004}}%n", a, b, c));
        }
        Path file = dir.resolve("tiny-priced.jsonl");
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return file;
    }

    /** A file whose third line has a score outside [0, 1]. */
    static Path writeMalformed(Path dir) throws IOException {
        String good = "{\"id\":\"p%d\",\"prompt\":\"question %d\",\"scores\":{\"m1\":0.5,\"m2\":0.25}}%n";
        String text = String.format(Locale.ROOT, good, 1, 1) + String.format(Locale.ROOT, good, 2, 2)
                + "{\"id\":\"p3\",\"prompt\":\"question 3\",\"scores\":{\"m1\":1.7,\"m2\":0.25}}\n"
                + String.format(Locale.ROOT, good, 4, 4);
        Path file = dir.resolve("broken.jsonl");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
