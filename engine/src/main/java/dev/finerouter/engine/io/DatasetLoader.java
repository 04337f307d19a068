package dev.finerouter.engine.io;

import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.RoutingDataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Loads a routing dataset from a path the user gives: a {@code .jsonl} or {@code .csv} file, or a folder holding
 * {@code routing.jsonl} (or {@code routing.csv}). Prices come from {@code models.json} beside the data unless another
 * file is named in the options. The dataset's fingerprint is the SHA-256 of the data file, or, when prices come from
 * a models file, the SHA-256 of both files' hashes, so changed prices make a new fingerprint.
 */
public final class DatasetLoader {
    /** The data file looked for inside a dataset folder. */
    public static final List<String> DATA_FILE_NAMES = List.of("routing.jsonl", "routing.csv");
    /** What a dataset path names, for hints. */
    public static final String DATASET_SHAPE = "a dataset folder (with routing.jsonl or routing.csv, and models.json with prices if any) "
            + "or one .jsonl/.csv data file";
    /** The price file looked for beside the data. */
    public static final String MODELS_FILE_NAME = "models.json";

    private DatasetLoader() {
    }

    /**
     * Loads the dataset at {@code path}.
     *
     * @throws DataFormatException naming file, line and field on bad input
     */
    public static LoadedDataset load(Path path, ImportOptions options) throws DataFormatException {
        Path dataFile = resolveDataFile(path);
        Path modelsFile = options.modelsFile();
        if (modelsFile == null) {
            Path beside = dataFile.toAbsolutePath().getParent().resolve(MODELS_FILE_NAME);
            modelsFile = Files.isRegularFile(beside) ? beside : null;
        }
        List<String> modelWarnings = new ArrayList<>();
        ModelPool pool = modelsFile == null ? null : ModelsJsonReader.read(modelsFile, modelWarnings::add);
        String name = datasetName(path, dataFile);
        String fileName = dataFile.getFileName().toString().toLowerCase(Locale.ROOT);
        LoadedDataset loaded = fileName.endsWith(".csv")
                ? CsvDatasetReader.read(dataFile, pool, options.lenient(), name)
                : JsonlDatasetReader.read(dataFile, pool, options.lenient(), name);
        if (modelsFile == null) {
            return loaded;
        }
        // Prices change costs and routes, so they are part of the data's identity.
        RoutingDataset d = loaded.dataset();
        String combined = sha256Hex((d.fingerprint() + "+models.json:" + sha256Hex(readBytes(modelsFile)))
                .getBytes(StandardCharsets.UTF_8));
        ImportReport r = loaded.report();
        List<String> warnings = new ArrayList<>(modelWarnings);
        warnings.addAll(r.warnings());
        return new LoadedDataset(new RoutingDataset(d.name(), combined, d.prompts(), d.pool(), d.scores(), d.observedCosts()),
                new ImportReport(r.rowsRead(), r.rowsKept(), r.skippedByField(), r.firstProblems(), warnings));
    }

    private static byte[] readBytes(Path file) throws DataFormatException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw DataFormatException.cannotRead(file, e);
        }
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The data file a path names: the file itself, or the dataset file inside a folder. */
    public static Path resolveDataFile(Path path) throws DataFormatException {
        if (Files.isRegularFile(path)) {
            return path;
        }
        if (!Files.isDirectory(path)) {
            throw DataFormatException.missing(path, DATASET_SHAPE);
        }
        for (String candidate : DATA_FILE_NAMES) {
            Path f = path.resolve(candidate);
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        try (Stream<Path> files = Files.list(path)) {
            List<Path> data = files.filter(f -> {
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".jsonl") || n.endsWith(".csv");
            }).sorted().toList();
            if (data.size() == 1) {
                return data.get(0);
            }
            throw new DataFormatException(path, 0, null, data.isEmpty()
                    ? "the folder holds no routing.jsonl, routing.csv or other .jsonl/.csv file"
                    : "the folder holds several data files " + data.stream().map(p -> p.getFileName().toString()).toList()
                    + "; name one", data.isEmpty() ? "expected " + DATASET_SHAPE + "; " + path.toAbsolutePath().normalize() + " "
                    + PathHints.listing(path) : "pass the data file itself, e.g. " + data.get(0), null);
        } catch (IOException e) {
            throw DataFormatException.cannotRead(path, e);
        }
    }

    private static String datasetName(Path given, Path dataFile) {
        Path named = Files.isDirectory(given) ? given.toAbsolutePath().normalize() : dataFile.toAbsolutePath().normalize();
        String n = named.getFileName().toString();
        if (!Files.isDirectory(given)) {
            int dot = n.lastIndexOf('.');
            n = dot > 0 ? n.substring(0, dot) : n;
            if (n.equals("routing") && named.getParent() != null && named.getParent().getFileName() != null) {
                n = named.getParent().getFileName().toString();
            }
        }
        return n;
    }
}
