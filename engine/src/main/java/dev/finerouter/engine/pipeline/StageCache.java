package dev.finerouter.engine.pipeline;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.io.AtomicFiles;
import dev.finerouter.engine.stage.StageContext;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * On-disk cache of stage outputs. An entry's key is the SHA-256 of the stage name, the stage's format version and
 * every input that determines the output (data fingerprint, the stage's configuration, upstream keys), so a rerun
 * with the same inputs is free and a changed setting recomputes exactly the stages that depend on it.
 *
 * <p>Entries are written atomically (temporary file + move): a cancelled or crashed run never leaves a half entry.
 * An unreadable entry (for example from an older format) is treated as a miss and overwritten. Safe for concurrent
 * use by several threads and processes in the sense that the last complete write wins.
 */
public final class StageCache {
    private final Path root;

    private StageCache(Path root) {
        this.root = root;
    }

    /** A cache under {@code root} (created on first write). */
    public static StageCache at(Path root) {
        return new StageCache(root);
    }

    /** A cache that never hits and stores nothing (for tests and {@code --no-cache}). */
    public static StageCache disabled() {
        return new StageCache(null);
    }

    /** Whether entries are stored. */
    public boolean enabled() {
        return root != null;
    }

    /** The cache folder, or {@code null} when disabled. */
    public Path root() {
        return root;
    }

    /**
     * A cache key.
     *
     * @param stage the stage name (also the sub-folder)
     * @param hash SHA-256 hex of the stage name, version and inputs
     */
    public record Key(String stage, String hash) {
        /** Builds a key from the stage, its format version and the strings that determine its output. */
        public static Key of(String stage, int version, String... inputs) {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                update(md, stage);
                update(md, Integer.toString(version));
                for (String input : inputs) {
                    update(md, input == null ? "\u0000null" : input);
                }
                return new Key(stage, HexFormat.of().formatHex(md.digest()));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void update(MessageDigest md, String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            md.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            md.update((byte) ':');
            md.update(bytes);
        }
    }

    /** Writes and reads one kind of stage output. */
    public interface Codec<T> {
        /** Writes {@code value}. */
        void write(T value, DataOutputStream out) throws IOException;

        /** Reads a value written by {@link #write}. */
        T read(DataInputStream in) throws IOException;
    }

    /** Computes a value (may throw the engine's exception, e.g. when cancelled). */
    @FunctionalInterface
    public interface Computation<T> {
        /** Computes the value. */
        T compute() throws EngineException;
    }

    /** The cached value for {@code key}, if present and readable. */
    public <T> Optional<T> get(Key key, Codec<T> codec) {
        if (root == null) {
            return Optional.empty();
        }
        Path file = fileOf(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            return Optional.of(codec.read(in));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Stores {@code value} under {@code key} atomically. */
    public <T> void put(Key key, T value, Codec<T> codec) throws EngineException {
        if (root == null) {
            return;
        }
        AtomicFiles.write(fileOf(key), raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
            codec.write(value, out);
            out.flush();
        });
    }

    /** Whether an entry exists for {@code key}. */
    public boolean contains(Key key) {
        return root != null && Files.isRegularFile(fileOf(key));
    }

    /**
     * The cached value, or the computed one (then stored).
     *
     * @param ctx receives a log line saying whether the stage was cached
     */
    public <T> T getOrCompute(Key key, Codec<T> codec, StageContext ctx, Computation<T> computation) throws EngineException {
        Optional<T> cached = get(key, codec);
        if (cached.isPresent()) {
            ctx.log(key.stage() + ": cached (" + key.hash().substring(0, 12) + ")");
            return cached.get();
        }
        T value = computation.compute();
        put(key, value, codec);
        return value;
    }

    private Path fileOf(Key key) {
        return root.resolve(key.stage()).resolve(key.hash() + ".bin");
    }

    /** Codec helpers for row-major float matrices and int arrays, the most common stage outputs. */
    public static final class Codecs {
        private Codecs() {
        }

        /** A codec for {@code float[]}. */
        public static final Codec<float[]> FLOATS = new Codec<>() {
            @Override
            public void write(float[] value, DataOutputStream out) throws IOException {
                out.writeInt(value.length);
                for (float v : value) {
                    out.writeFloat(v);
                }
            }

            @Override
            public float[] read(DataInputStream in) throws IOException {
                float[] v = new float[in.readInt()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readFloat();
                }
                return v;
            }
        };

        /** A codec for {@code int[]}. */
        public static final Codec<int[]> INTS = new Codec<>() {
            @Override
            public void write(int[] value, DataOutputStream out) throws IOException {
                out.writeInt(value.length);
                for (int v : value) {
                    out.writeInt(v);
                }
            }

            @Override
            public int[] read(DataInputStream in) throws IOException {
                int[] v = new int[in.readInt()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readInt();
                }
                return v;
            }
        };

        /** A codec for a list of strings (UTF-8, any length). */
        public static final Codec<java.util.List<String>> STRINGS = new Codec<>() {
            @Override
            public void write(java.util.List<String> value, DataOutputStream out) throws IOException {
                out.writeInt(value.size());
                for (String s : value) {
                    byte[] b = s.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(b.length);
                    out.write(b);
                }
            }

            @Override
            public java.util.List<String> read(DataInputStream in) throws IOException {
                int n = in.readInt();
                java.util.List<String> out = new java.util.ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    byte[] b = new byte[in.readInt()];
                    in.readFully(b);
                    out.add(new String(b, StandardCharsets.UTF_8));
                }
                return java.util.List.copyOf(out);
            }
        };
    }
}
