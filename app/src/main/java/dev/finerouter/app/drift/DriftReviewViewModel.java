package dev.finerouter.app.drift;

import dev.finerouter.app.common.BackgroundTask;
import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.common.Format;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.drift.DriftProposal;
import dev.finerouter.engine.drift.DriftProposals;
import dev.finerouter.engine.drift.ProposalAcceptor;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.decisionlog.BundleIdentity;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Drift review: opens the {@code proposals.json} written by {@code discover --incremental} together with the bundle it
 * was made against, lets the user tick the proposals to accept, and writes a new bundle version with
 * {@link ProposalAcceptor} (off the FX thread), read back with {@link BundleReader} so every hash is verified. The
 * opened bundle is only read; proposals left unticked are rejected by not being accepted.
 */
public final class DriftReviewViewModel {
    /** One proposal in the review table with its Accept toggle. */
    public static final class Row {
        private final DriftProposal proposal;
        private final BooleanProperty accept = new SimpleBooleanProperty(this, "accept");

        Row(DriftProposal proposal) {
            this.proposal = Objects.requireNonNull(proposal, "proposal");
        }

        /** The proposal shown. */
        public DriftProposal proposal() {
            return proposal;
        }

        /** Whether the user accepts it. */
        public BooleanProperty acceptProperty() {
            return accept;
        }

        /** Candidate models in fused-rank order, comma separated. */
        public String candidates() {
            return String.join(", ", proposal.candidates().keySet());
        }
    }

    /** What opening proposals and a bundle found. */
    record Opened(DriftProposals proposals, RouterBundle bundle, String bundleId) {
    }

    /**
     * What writing a new bundle version did, read back from disk.
     *
     * @param target where the new bundle was written
     * @param parent the bundle the proposals were accepted into
     * @param tasksBefore tasks of the parent (without Others)
     * @param tasksAfter tasks of the new bundle as read back
     * @param accepted accepted proposal ids, in table order
     * @param rejected proposal ids not accepted
     * @param files files verified on read-back
     * @param bundleId content id of the new bundle
     */
    public record Summary(Path target, Path parent, int tasksBefore, int tasksAfter, List<String> accepted, List<String> rejected, int files,
                          String bundleId, String biases) {
        /** Validates and copies. */
        public Summary {
            Objects.requireNonNull(target, "target");
            accepted = List.copyOf(accepted);
            rejected = List.copyOf(rejected);
        }

        /** Several lines for the summary area. */
        public String text() {
            return String.format(Locale.ROOT, "New bundle version written and verified: %s%n%d files (SHA-256 checked on read-back), id %s%n"
                            + "tasks %d → %d%naccepted: %s%nrejected (not added): %s%nnew task biases: %s%nparent bundle %s is unchanged.%n%n"
                            + "Check it with: finerouter bundle verify %s",
                    target, files, bundleId, tasksBefore, tasksAfter, String.join(", ", accepted), rejected.isEmpty() ? "none" : String.join(", ", rejected),
                    biases, parent, target);
        }
    }

    private final BackgroundTasks tasks;
    private final Clock clock;
    private final ReplayViewModel.EncoderOpener encoders;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<Path> proposalsPath = new SimpleObjectProperty<>(this, "proposalsPath");
    private final ObjectProperty<Path> bundlePath = new SimpleObjectProperty<>(this, "bundlePath");
    private final ObjectProperty<DriftProposals> proposals = new SimpleObjectProperty<>(this, "proposals");
    private final ObjectProperty<RouterBundle> bundle = new SimpleObjectProperty<>(this, "bundle");
    private final IntegerProperty acceptedCount = new SimpleIntegerProperty(this, "acceptedCount");
    private final StringProperty status = new SimpleStringProperty(this, "status", "Open the proposals.json written by finerouter discover --incremental.");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final ObjectProperty<Summary> summary = new SimpleObjectProperty<>(this, "summary");
    private final ObjectProperty<Throwable> failure = new SimpleObjectProperty<>(this, "failure");
    /** The running (or last) open or write; {@link #cancel()} cancels it. */
    private BackgroundTask<?> job;

    /**
     * New tasks' biases are calibrated on the proposals' example prompts with the bundle's own encoder, opened as the
     * CLI opens it.
     *
     * @param clock the creation time recorded in new bundles
     */
    public DriftReviewViewModel(BackgroundTasks tasks, Clock clock) {
        this(tasks, clock, ReplayViewModel.EncoderOpener.RESOLVED);
    }

    /**
     * @param clock the creation time recorded in new bundles
     * @param encoders opens the bundle's encoder to calibrate the new tasks' biases on the proposals' examples; when it
     *                 fails, the new tasks get the median bias and the summary says why
     */
    public DriftReviewViewModel(BackgroundTasks tasks, Clock clock, ReplayViewModel.EncoderOpener encoders) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.encoders = Objects.requireNonNull(encoders, "encoders");
    }

    /**
     * The bundle a proposals file names, when it exists: its recorded path as given, else relative to the folder
     * holding the proposals' folder; {@code null} when neither exists.
     */
    public static Path recordedBundle(Path proposalsFile, DriftProposals p) {
        Path recorded = Path.of(p.bundlePath());
        if (Files.exists(recorded)) {
            return recorded;
        }
        Path folder = proposalsFile.toAbsolutePath().getParent();
        for (Path base = folder; base != null && !recorded.isAbsolute(); base = base.getParent()) {
            if (Files.exists(base.resolve(recorded))) {
                return base.resolve(recorded);
            }
        }
        return null;
    }

    /** Reads only the proposals file and returns the bundle it names, if found (for pre-filling the bundle field). */
    public static Path bundleNamedBy(Path proposalsFile) {
        try {
            return recordedBundle(proposalsFile, DriftProposals.read(proposalsFile));
        } catch (dev.finerouter.engine.EngineException e) {
            return null;
        }
    }

    /**
     * Reads the proposals and the bundle in the background and fills the table (nothing accepted yet).
     *
     * @param bundleFile the bundle the proposals were made against, or {@code null} for the one the file names
     */
    public void open(Path proposalsFile, Path bundleFile) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        failure.set(null);
        summary.set(null);
        status.set("Reading " + proposalsFile + " …");
        BackgroundTask<Opened> task = BackgroundTask.of(ctx -> {
            DriftProposals p = DriftProposals.read(proposalsFile);
            Path b = bundleFile != null ? bundleFile : recordedBundle(proposalsFile, p);
            if (b == null) {
                throw new dev.finerouter.engine.EngineException(proposalsFile + ": the bundle it was made against (" + p.bundlePath() + ") is not found",
                        "choose the bundle file or folder given to discover --incremental --bundle", null);
            }
            ctx.checkCancelled();
            RouterBundle read = BundleReader.read(b);
            return new Opened(p, read, BundleIdentity.id(read.manifest()));
        }).onSuccess(o -> {
            busy.set(false);
            proposalsPath.set(proposalsFile);
            bundlePath.set(o.bundle().source() != null ? o.bundle().source() : bundleFile);
            proposals.set(o.proposals());
            bundle.set(o.bundle());
            List<Row> fresh = new ArrayList<>();
            for (DriftProposal p : o.proposals().proposals()) {
                Row r = new Row(p);
                r.acceptProperty().addListener((obs, was, now) -> acceptedCount.set(acceptedIds().size()));
                fresh.add(r);
            }
            rows.setAll(fresh);
            acceptedCount.set(0);
            status.set(openedStatus(o));
        }).onFailure(t -> {
            busy.set(false);
            failure.set(t);
            status.set("Could not open: " + t.getMessage());
        }).onCancelled(() -> {
            busy.set(false);
            status.set("Opening cancelled.");
        });
        job = task;
        task.executeWith(tasks);
    }

    /**
     * Cancels the running open or write: the view model is ready at once; a write stops before the new bundle is
     * written, or deletes it when it was already written.
     */
    public void cancel() {
        if (busy.get() && job != null) {
            job.cancel();
        }
    }

    private static String openedStatus(Opened o) {
        DriftProposals p = o.proposals();
        String s = String.format(Locale.ROOT, "%d proposals from %d logged prompts (%d with true scores), %d communities, novelty threshold %.2f; "
                        + "the bundle has %d tasks.", p.proposals().size(), p.logPrompts(), p.trueScored(), p.communities(), p.noveltyThreshold(),
                o.bundle().router().tasks().size());
        if (!p.bundleId().equals(o.bundleId())) {
            s += " Warning: the proposals were made against bundle " + p.bundleId() + ", this bundle is " + o.bundleId() + ".";
        }
        return s;
    }

    /** The details text of one proposal: examples, candidate ranks, median scores, where its prompts were routed. */
    public static String details(DriftProposal p) {
        StringBuilder sb = new StringBuilder();
        sb.append(p.id()).append(" — ").append(p.summary()).append(String.format(Locale.ROOT, " (%d logged prompts)%n%n", p.size()));
        sb.append("Example prompts:\n");
        p.examples().forEach(e -> sb.append("  • ").append(e.replace('\n', ' ')).append('\n'));
        sb.append("\nCandidate models (rank, fused rank score, median score):\n");
        int rank = 1;
        for (Map.Entry<String, Double> c : p.candidates().entrySet()) {
            Double median = p.medianScores().get(c.getKey());
            sb.append(String.format(Locale.ROOT, "  %d. %s  %.4f  %s%n", rank++, c.getKey(), c.getValue(),
                    median == null ? "–" : Format.decimal(median)));
        }
        sb.append(String.format(Locale.ROOT, "%nNearest existing task: %s (cosine %.3f)%n", p.nearestTask(), p.nearestSimilarity()));
        sb.append(String.format(Locale.ROOT, "Logged as: %s (%s of its prompts)%n", p.loggedTask(), Format.percent(p.loggedTaskShare())));
        if (p.knownLabel() != null) {
            sb.append(String.format(Locale.ROOT, "Dataset label: %s (%s)%n", p.knownLabel(), Format.percent(p.knownLabelShare())));
        }
        return sb.toString();
    }

    /** Ids of the ticked proposals, in table order. */
    public List<String> acceptedIds() {
        return rows.stream().filter(r -> r.acceptProperty().get()).map(r -> r.proposal().id()).toList();
    }

    /** Whether a new bundle can be written: a bundle is open, at least one proposal ticked, nothing running. */
    public BooleanBinding canWrite() {
        return Bindings.createBooleanBinding(() -> bundle.get() != null && acceptedCount.get() > 0 && !busy.get(), bundle, acceptedCount, busy);
    }

    /** Writes bundle + ticked proposals to {@code target} (a folder or a {@code .frb} file) and verifies it, in the background. */
    public void write(Path target) {
        RouterBundle parent = bundle.get();
        DriftProposals p = proposals.get();
        List<String> ids = acceptedIds();
        if (parent == null || p == null || ids.isEmpty() || busy.get()) {
            return;
        }
        List<String> rejected = rows.stream().map(r -> r.proposal().id()).filter(id -> !ids.contains(id)).toList();
        Path parentPath = bundlePath.get();
        busy.set(true);
        summary.set(null);
        failure.set(null);
        status.set("Writing " + target + " …");
        boolean existed = Files.exists(target);
        BackgroundTask<Summary> task = BackgroundTask.of(ctx -> {
            Embedder encoder;
            String unavailable = null;
            try {
                encoder = encoders.open(parent.manifest().encoder());
            } catch (EngineException e) {
                encoder = null;
                unavailable = e.getMessage();
            }
            if (ctx.isCancelled() && encoder != null) {
                encoder.close();
            }
            ctx.checkCancelled();
            String biases;
            if (encoder == null) {
                ProposalAcceptor.accept(parent, p, ids, target, clock.instant());
                biases = "median of the parent's (encoder not available: " + unavailable + ")";
            } else {
                try (Embedder e = encoder) {
                    ProposalAcceptor.accept(parent, p, ids, target, clock.instant(), e);
                }
                biases = "calibrated on each proposal's example prompts";
            }
            RouterBundle read = BundleReader.read(target);
            if (ctx.isCancelled() && !existed) {
                deleteTree(target); // cancelled while writing: leave nothing behind
            }
            return new Summary(target, parentPath, parent.router().tasks().size(), read.router().tasks().size(), ids, rejected,
                    read.manifest().files().size(), BundleIdentity.id(read.manifest()), biases);
        }).onSuccess(s -> {
            busy.set(false);
            summary.set(s);
            status.set("Wrote " + target + ": tasks " + s.tasksBefore() + " → " + s.tasksAfter() + ".");
        }).onFailure(t -> {
            busy.set(false);
            failure.set(t);
            status.set("Could not write the new bundle: " + t.getMessage());
        }).onCancelled(() -> {
            busy.set(false);
            status.set("Writing cancelled: no new bundle was kept.");
        });
        job = task;
        task.executeWith(tasks);
    }

    private static void deleteTree(Path p) throws java.io.IOException {
        if (Files.isDirectory(p)) {
            try (java.util.stream.Stream<Path> walk = Files.walk(p)) {
                for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(q);
                }
            }
        } else {
            Files.deleteIfExists(p);
        }
    }

    /**
     * What the empty proposals table says: how to get proposals before any are open, that none were proposed when an
     * opened file has none.
     */
    public StringBinding proposalsPlaceholder() {
        return Bindings.when(proposals.isNull())
                .then("No proposals open. Find new tasks in a decision log above, or open the proposals.json of finerouter discover --incremental.")
                .otherwise("No new tasks proposed: every community found in the log is close to one of the bundle's tasks.");
    }

    /** The proposals in the table. */
    public ObservableList<Row> rows() {
        return rows;
    }

    /** The opened proposals file. */
    public ObjectProperty<Path> proposalsPathProperty() {
        return proposalsPath;
    }

    /** The opened bundle's path. */
    public ObjectProperty<Path> bundlePathProperty() {
        return bundlePath;
    }

    /** The opened proposals. */
    public ObjectProperty<DriftProposals> proposalsProperty() {
        return proposals;
    }

    /** The opened bundle. */
    public ObjectProperty<RouterBundle> bundleProperty() {
        return bundle;
    }

    /** One line on what is open or happening. */
    public StringProperty statusProperty() {
        return status;
    }

    /** Whether opening or writing is under way. */
    public BooleanProperty busyProperty() {
        return busy;
    }

    /** The last written bundle's summary. */
    public ObjectProperty<Summary> summaryProperty() {
        return summary;
    }

    /** The last error. */
    public ObjectProperty<Throwable> failureProperty() {
        return failure;
    }
}
