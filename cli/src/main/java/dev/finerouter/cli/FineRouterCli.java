package dev.finerouter.cli;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.service.EncoderResolver;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;

/**
 * The {@code finerouter} command line. Exit codes: 0 ok, 1 bad input or a failed run (one readable line plus a hint
 * on stderr; the stack trace only with {@code --verbose}), 2 usage errors.
 */
@Command(name = "finerouter", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Prompt routing with fine-grained latent task discovery: data tools, pipeline, routing.",
        subcommands = {DataCommand.class, DiscoverCommand.class, TrainCommand.Train.class, TrainCommand.Evaluate.class,
                BundleCommand.class, ReportCommand.class, RouteCommand.class, ServeCommand.class, CalibrateCommand.class,
                ReplayCommand.class, OnboardCommand.class, BenchCommand.class, DoctorCommand.class,
                CommandLine.HelpCommand.class})
public final class FineRouterCli {
    /** Exit code for success. */
    public static final int OK = 0;
    /** Exit code for bad input or a failed run. */
    public static final int BAD_INPUT = 1;
    /** Exit code for a usage error. */
    public static final int USAGE = 2;
    /** Exit code of a run cancelled by Ctrl-C or SIGTERM ({@link StopSignals#INTERRUPTED}). */
    public static final int CANCELLED = StopSignals.INTERRUPTED;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean verbose;

    /** How the commands open a bundle's encoder. */
    private final EncoderOpener encoders;

    /** The CLI with the real encoders ({@link EncoderResolver#open}). */
    FineRouterCli() {
        this(EncoderResolver::open);
    }

    /**
     * The CLI with the given way of opening a bundle's encoder.
     *
     * @param encoders opens the encoder a bundle's manifest names
     */
    FineRouterCli(EncoderOpener encoders) {
        this.encoders = Objects.requireNonNull(encoders, "encoders");
    }

    /** The encoder opener of the CLI a command belongs to (the root command's). */
    static EncoderOpener encoders(CommandSpec spec) {
        return ((FineRouterCli) spec.root().userObject()).encoders;
    }

    /** Runs the CLI and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the CLI without exiting (used by tests and the workbench launcher).
     *
     * @return the exit code
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, EncoderResolver::open);
    }

    /**
     * Runs the CLI without exiting, opening bundles' encoders with {@code encoders} (tests pass a small deterministic
     * encoder).
     *
     * @return the exit code
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, EncoderOpener encoders) {
        CommandLine cli = new CommandLine(new FineRouterCli(encoders));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? USAGE : BAD_INPUT);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("finerouter: " + e.getMessage());
            String takes = optionTakes(e);
            if (takes != null) {
                err.println("  hint: " + takes);
            }
            err.println("  hint: see 'finerouter " + qualifiedName(e.getCommandLine()) + "--help'");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean verbose = parseResult.originalArgs().contains("--verbose");
            if (e instanceof EngineException ee) {
                err.println("finerouter: " + ee.getMessage());
                if (ee.hint() != null) {
                    err.println("  hint: " + ee.hint());
                }
            } else {
                err.println("finerouter: unexpected error: " + e);
                err.println("  hint: this is a bug; please report it with the output of --verbose");
            }
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return e instanceof dev.finerouter.engine.stage.CancelledException ? CANCELLED : BAD_INPUT;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * For a bad option value: what the option takes, from its help text (which states the range or the values), e.g.
     * {@code --alpha takes A: weight of … in [0,1]}, plus the valid values of an enum; {@code null} for other usage
     * errors (unknown or missing options), whose hint is the command's help.
     */
    static String optionTakes(CommandLine.ParameterException e) {
        if (!(e.getArgSpec() instanceof CommandLine.Model.OptionSpec o) || e instanceof CommandLine.MissingParameterException
                || e instanceof CommandLine.UnmatchedArgumentException) {
            return null;
        }
        String description = String.join(" ", o.description()).trim();
        StringBuilder sb = new StringBuilder(o.longestName()).append(" takes ").append(o.paramLabel());
        if (!description.isEmpty()) {
            sb.append(": ").append(Character.toLowerCase(description.charAt(0))).append(description.substring(1));
        }
        if (o.type().isEnum() && !String.valueOf(e.getMessage()).contains("expected one of")) {
            List<String> values = new java.util.ArrayList<>();
            for (Object c : o.type().getEnumConstants()) {
                values.add(c.toString().toLowerCase(java.util.Locale.ROOT));
            }
            sb.append(" (one of ").append(String.join(", ", values)).append(')');
        }
        return sb.toString();
    }

    private static String qualifiedName(CommandLine commandLine) {
        String name = commandLine.getCommandSpec().qualifiedName(" ");
        name = name.startsWith("finerouter") ? name.substring("finerouter".length()).trim() : name;
        return name.isEmpty() ? "" : name + " ";
    }
}
