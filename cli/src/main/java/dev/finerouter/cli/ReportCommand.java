package dev.finerouter.cli;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.eval.ChartLinks;
import dev.finerouter.engine.eval.EvaluationReport;
import dev.finerouter.engine.eval.EvaluationReportReader;
import dev.finerouter.engine.io.AtomicFiles;
import dev.finerouter.report.EvaluationCharts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code finerouter report charts|tables}: re-render the charts, or the JSON and Markdown tables (with every metric
 * the current version derives, e.g. the standard router metrics), of an existing evaluation without rerunning it.
 */
@Command(mixinStandardHelpOptions = true, name = "report", description = "Re-render reports of an existing evaluation.", subcommands = {ReportCommand.Charts.class, ReportCommand.Tables.class})
final class ReportCommand extends GroupCommand {
    /** Folder name of the charts beside evaluation.json. */
    static final String CHARTS_DIR = "charts";

    private ReportCommand() {
    }

    /** The text of {@code markdown}, or {@code null} when there is no such file. */
    static String readIfPresent(Path markdown) throws EngineException {
        if (!Files.isRegularFile(markdown)) {
            return null;
        }
        try {
            return Files.readString(markdown);
        } catch (IOException e) {
            throw new EngineException("cannot read " + markdown + ": " + e.getMessage(), "check the file is readable", e);
        }
    }

    /** {@code report charts}. */
    @Command(name = "charts", mixinStandardHelpOptions = true,
            description = {"Render the cost-quality chart, the routing shares and the per-benchmark bars (PNG and SVG) from an "
                    + "evaluation.json written by 'finerouter eval'."})
    static final class Charts implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--from", required = true, paramLabel = "DIR_OR_JSON",
                description = "evaluation.json, or the folder that holds it.")
        Path from;
        @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder (default: charts/ beside evaluation.json, then linked from the evaluation.md beside it).")
        Path out;

        @Override
        public Integer call() throws EngineException {
            Path json = EvaluationReportReader.file(from);
            EvaluationReport report = EvaluationReportReader.read(json);
            Path dir = out != null ? out : json.toAbsolutePath().getParent().resolve(CHARTS_DIR);
            List<Path> files = EvaluationCharts.write(report, dir);
            PrintWriter pw = spec.commandLine().getOut();
            pw.println("wrote " + files.size() + " chart files to " + dir.toAbsolutePath().normalize() + ":");
            for (Path f : files) {
                pw.println("  " + f.getFileName());
            }
            Path markdown = json.resolveSibling("evaluation.md");
            String text = out == null ? readIfPresent(markdown) : null;
            if (text != null) {
                AtomicFiles.writeString(markdown, ChartLinks.withCharts(text, markdown.getParent(), files));
                pw.println("linked them from " + markdown);
            }
            return FineRouterCli.OK;
        }
    }

    /** {@code report tables}. */
    @Command(name = "tables", mixinStandardHelpOptions = true,
            description = {"Rewrite evaluation.json and evaluation.md from an existing evaluation.json with this version's tables "
                    + "and derived metrics (e.g. the standard router metrics); the measured numbers are not changed, the "
                    + "charts section of evaluation.md is kept."})
    static final class Tables implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--from", required = true, paramLabel = "DIR_OR_JSON",
                description = "evaluation.json, or the folder that holds it.")
        Path from;

        @Override
        public Integer call() throws EngineException {
            Path json = EvaluationReportReader.file(from);
            EvaluationReport report = EvaluationReportReader.read(json);
            Path markdown = json.resolveSibling("evaluation.md");
            String previous = readIfPresent(markdown);
            AtomicFiles.writeString(json, report.toJson());
            AtomicFiles.writeString(markdown, ChartLinks.keepCharts(report.toMarkdown(), previous == null ? "" : previous));
            spec.commandLine().getOut().println("rewrote " + json + " and " + markdown);
            return FineRouterCli.OK;
        }
    }
}
