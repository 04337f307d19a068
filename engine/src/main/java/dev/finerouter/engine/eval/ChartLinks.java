package dev.finerouter.engine.eval;

import java.nio.file.Path;
import java.util.List;

/** The Markdown section that shows rendered charts in {@code evaluation.md}, linked relative to the report folder. */
public final class ChartLinks {
    private static final String HEADING = "## Charts\n";

    private ChartLinks() {
    }

    /**
     * A "Charts" section: one image per PNG (with a link to the SVG of the same name when it was written), or the
     * empty string when no PNG was written.
     *
     * @param reportDir the folder of {@code evaluation.md}
     * @param files the chart files written (by the report module's {@code EvaluationCharts})
     * @return the section, starting with a blank line, or {@code ""}
     */
    public static String markdown(Path reportDir, List<Path> files) {
        Path base = reportDir.toAbsolutePath().normalize();
        StringBuilder sb = new StringBuilder();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (!name.endsWith(".png")) {
                continue;
            }
            String stem = name.substring(0, name.length() - ".png".length());
            sb.append("![").append(stem).append("](").append(relative(base, file)).append(')');
            Path svg = file.resolveSibling(stem + ".svg");
            if (files.contains(svg)) {
                sb.append(" ([SVG](").append(relative(base, svg)).append("))");
            }
            sb.append("\n\n");
        }
        return sb.length() == 0 ? "" : "\n" + HEADING + "\n" + sb.toString().stripTrailing() + "\n";
    }

    /**
     * {@code markdown} with its "Charts" section (always the last section) replaced by one for {@code files}, or added
     * when it has none; without PNGs the section is removed. Applying it twice gives the same text.
     *
     * @param markdown the text of an evaluation.md
     * @param reportDir the folder of that evaluation.md
     * @param files the chart files written (by the report module's {@code EvaluationCharts})
     * @return the new text
     */
    public static String withCharts(String markdown, Path reportDir, List<Path> files) {
        int at = markdown.indexOf("\n\n" + HEADING);
        String body = at >= 0 ? markdown.substring(0, at + 1) : markdown;
        return body + markdown(reportDir, files);
    }

    /**
     * {@code fresh} (a newly rendered evaluation.md without charts) followed by the "Charts" section of {@code previous}
     * (the file it replaces), so that re-rendering the tables keeps the chart links.
     *
     * @param fresh the new text, without a "Charts" section
     * @param previous the old text, with or without one
     * @return the new text with the old charts section, if any
     */
    public static String keepCharts(String fresh, String previous) {
        int at = previous.indexOf("\n\n" + HEADING);
        return at < 0 ? fresh : fresh.stripTrailing() + "\n" + previous.substring(at + 1);
    }

    private static String relative(Path base, Path file) {
        return base.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
