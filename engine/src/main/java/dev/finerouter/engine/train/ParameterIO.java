package dev.finerouter.engine.train;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.io.AtomicFiles;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Reads and writes a {@link ParameterSet} as one binary file, so that a bundle can carry trained weights without
 * depending on DJL's own formats.
 *
 * <p>Format ({@code .params}, all integers big-endian):
 * <pre>
 *   magic     4 bytes  "FRPS"
 *   version   int32    1
 *   count     int32    number of tensors
 *   count times:
 *     name    modified UTF-8 (DataOutput.writeUTF: uint16 length + bytes)
 *     rank    int32
 *     dims    rank × int64
 *     values  product(dims) × float32, little-endian (the order of NumPy's '&lt;f4' and of x86 memory)
 *   crc32     int64    CRC-32 of every byte before it
 * </pre>
 * A reader in another language needs nothing but this description.
 */
public final class ParameterIO {
    private static final byte[] MAGIC = {'F', 'R', 'P', 'S'};
    private static final int VERSION = 1;
    private static final int CHUNK = 1 << 16;

    private ParameterIO() {
    }

    /**
     * Writes the parameters atomically.
     *
     * @throws EngineException when the file cannot be written
     */
    public static void write(ParameterSet parameters, Path file) throws EngineException {
        AtomicFiles.write(file, raw -> {
            CRC32 crc = new CRC32();
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 20), crc));
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(parameters.names().size());
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (String name : parameters.names()) {
                ParameterSet.Tensor t = parameters.tensor(name);
                out.writeUTF(name);
                out.writeInt(t.shape().length);
                for (long d : t.shape()) {
                    out.writeLong(d);
                }
                float[] v = t.values();
                for (int from = 0; from < v.length; from += CHUNK) {
                    int len = Math.min(CHUNK, v.length - from);
                    buffer.clear();
                    buffer.asFloatBuffer().put(v, from, len);
                    out.write(buffer.array(), 0, len * 4);
                }
            }
            out.flush();
            long sum = crc.getValue();
            out.writeLong(sum);
            out.flush();
        });
    }

    /**
     * Reads parameters written by {@link #write}.
     *
     * @throws EngineException when the file is missing, truncated, corrupt or of another format
     */
    public static ParameterSet read(Path file) throws EngineException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            CRC32 crc = new CRC32();
            DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
            byte[] magic = new byte[4];
            in.readFully(magic);
            if (magic[0] != MAGIC[0] || magic[1] != MAGIC[1] || magic[2] != MAGIC[2] || magic[3] != MAGIC[3]) {
                throw corrupt(file, "not a FineRouter parameter file");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw corrupt(file, "parameter format version " + version + " is not supported (expected " + VERSION + ")");
            }
            int count = in.readInt();
            ParameterSet.Builder builder = ParameterSet.builder();
            byte[] bytes = new byte[CHUNK * 4];
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int rank = in.readInt();
                if (rank < 0 || rank > 8) {
                    throw corrupt(file, "tensor " + name + " has rank " + rank);
                }
                long[] shape = new long[rank];
                long size = 1;
                for (int r = 0; r < rank; r++) {
                    shape[r] = in.readLong();
                    size *= shape[r];
                }
                if (size < 0 || size > Integer.MAX_VALUE - 8) {
                    throw corrupt(file, "tensor " + name + " is too large");
                }
                float[] v = new float[(int) size];
                for (int from = 0; from < v.length; from += CHUNK) {
                    int len = Math.min(CHUNK, v.length - from);
                    in.readFully(bytes, 0, len * 4);
                    ByteBuffer.wrap(bytes, 0, len * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v, from, len);
                }
                builder.putOwned(name, v, shape);
            }
            long expected = crc.getValue();
            long stored = new DataInputStream(raw).readLong();
            if (stored != expected) {
                throw corrupt(file, "checksum mismatch");
            }
            return builder.build();
        } catch (NoSuchFileException e) {
            throw new EngineException("parameter file " + file + " is missing", "train again or use a complete bundle", e);
        } catch (EOFException e) {
            throw corrupt(file, "file is truncated");
        } catch (IOException e) {
            throw new EngineException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static EngineException corrupt(Path file, String why) {
        return new EngineException("parameter file " + file + " is unusable: " + why, "train again or use a complete bundle", null);
    }
}
