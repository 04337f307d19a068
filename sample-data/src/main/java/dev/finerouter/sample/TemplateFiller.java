package dev.finerouter.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;

/** Turns a sub-task's templates into prompt texts, drawing every choice from the given random stream. */
public final class TemplateFiller {
    private TemplateFiller() {
    }

    /**
     * Draws one prompt of {@code subtask}: a template, then a value for each distinct placeholder (in order of first
     * appearance, so the same stream gives the same text).
     */
    public static String fill(SubtaskSpec subtask, SplittableRandom rng) {
        String template = subtask.templates().get(rng.nextInt(subtask.templates().size()));
        Matcher m = SubtaskSpec.placeholderPattern().matcher(template);
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        StringBuilder out = new StringBuilder(template.length() + 32);
        while (m.find()) {
            String key = m.group();
            int known = keys.indexOf(key);
            String value;
            if (known >= 0) {
                value = values.get(known);
            } else {
                if (m.group(2) != null) {
                    int lo = Integer.parseInt(m.group(2));
                    int hi = Integer.parseInt(m.group(3));
                    value = Integer.toString(lo + rng.nextInt(hi - lo + 1));
                } else {
                    List<String> words = subtask.words(m.group(1));
                    value = words.get(rng.nextInt(words.size()));
                }
                keys.add(key);
                values.add(value);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
