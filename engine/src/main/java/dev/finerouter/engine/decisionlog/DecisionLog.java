package dev.finerouter.engine.decisionlog;

import dev.finerouter.engine.EngineException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's decision log: JSON lines in rotating files {@code decisions-000001.jsonl}, {@code decisions-000002.jsonl},
 * … written by one background thread from a bounded queue. {@link #offer} never blocks and never throws on a full
 * queue or a failing disk: the record is dropped and counted. A file is closed and the next sequence number opened
 * before a line would take it over the size limit (a single longer line gets a file of its own); at rotation, files
 * beyond the newest {@code keep} are deleted. A new log continues after the highest sequence already in the folder.
 *
 * <p>Unlike reports, log files are appended to, not written atomically: a crash can lose the lines still queued but
 * never corrupts earlier lines; {@link #close()} writes everything queued and flushes. Lines are buffered whole (up to
 * {@value #FLUSH_BYTES} bytes) and handed to the file only at line boundaries, so the file never ends inside a line
 * except when the process dies in the middle of one write (each new log starts a new file, so nothing is appended
 * after such a torn line, and {@code replay --lenient} skips it).
 */
public final class DecisionLog implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("decisions-(\\d{6,})\\.jsonl");
    /** Whole lines buffered before they are written to the file. */
    static final int FLUSH_BYTES = 1 << 16;

    private final DecisionLogConfig config;
    private final BlockingQueue<Object> queue;
    private final Thread writer;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Object stopMarker = new Object();
    private volatile boolean closed;
    private long sequence;
    private FileChannel out;
    private long bytes;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(FLUSH_BYTES);
    private long pendingRecords;

    /**
     * Opens the folder (creating it) and starts the writer thread.
     *
     * @throws EngineException when the folder cannot be created or listed
     */
    public DecisionLog(DecisionLogConfig config) throws EngineException {
        this.config = Objects.requireNonNull(config, "config");
        try {
            Files.createDirectories(config.dir());
            sequence = highestSequence(config.dir());
        } catch (IOException e) {
            throw new EngineException("cannot use the decision log folder " + config.dir() + ": " + e.getMessage(),
                    "pass a writable folder to --decision-log", e);
        }
        queue = new ArrayBlockingQueue<>(config.queueCapacity());
        writer = new Thread(this::drain, "finerouter-decision-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** The settings. */
    public DecisionLogConfig config() {
        return config;
    }

    /**
     * Queues a record for writing; drops it (counted) when the queue is full or the log is closed.
     *
     * @return whether it was queued
     */
    public boolean offer(DecisionRecord record) {
        Objects.requireNonNull(record, "record");
        if (closed || !queue.offer(record)) {
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    /** Records written to disk so far. */
    public long written() {
        return written.get();
    }

    /** Records dropped so far (full queue, closed log or a write error). */
    public long dropped() {
        return dropped.get();
    }

    /** Writes what is queued, flushes and stops the writer thread (waits up to 30 s). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(stopMarker);
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The files of a log folder in sequence order. */
    public static List<Path> files(Path dir) throws IOException {
        List<long[]> seqs = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "decisions-*.jsonl")) {
            for (Path p : ds) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    seqs.add(new long[]{Long.parseLong(m.group(1)), paths.size()});
                    paths.add(p);
                }
            }
        }
        seqs.sort((a, b) -> Long.compare(a[0], b[0]));
        List<Path> out = new ArrayList<>();
        for (long[] s : seqs) {
            out.add(paths.get((int) s[1]));
        }
        return out;
    }

    /** The file name of a sequence number. */
    public static String fileName(long sequence) {
        return String.format(java.util.Locale.ROOT, "decisions-%06d.jsonl", sequence);
    }

    private static long highestSequence(Path dir) throws IOException {
        long max = 0;
        for (Path p : files(dir)) {
            Matcher m = NAME.matcher(p.getFileName().toString());
            if (m.matches()) {
                max = Math.max(max, Long.parseLong(m.group(1)));
            }
        }
        return max;
    }

    private void drain() {
        try {
            while (true) {
                Object next = queue.take();
                if (next == stopMarker) {
                    break;
                }
                write((DecisionRecord) next);
                if (queue.isEmpty()) {
                    flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Object left;
            while ((left = queue.poll()) != null) {
                if (left != stopMarker) {
                    write((DecisionRecord) left);
                }
            }
            flush();
            closeFile();
        }
    }

    private void write(DecisionRecord record) {
        byte[] line;
        try {
            line = (record.toJson().toString() + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            dropped.incrementAndGet();
            return;
        }
        try {
            if (out == null || (bytes > 0 && bytes + line.length > config.maxBytes())) {
                flush();
                rotate();
            }
        } catch (IOException | RuntimeException e) {
            dropped.incrementAndGet(); // no file to write to
            closeFile();
            return;
        }
        pending.write(line, 0, line.length);
        pendingRecords++;
        bytes += line.length;
        if (pending.size() >= FLUSH_BYTES) {
            flush();
        }
    }

    private void rotate() throws IOException {
        closeFile();
        sequence++;
        Path file = config.dir().resolve(fileName(sequence));
        out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        bytes = out.size();
        List<Path> all = files(config.dir());
        for (int i = 0; i < all.size() - config.keep(); i++) {
            Files.deleteIfExists(all.get(i));
        }
    }

    /** Writes the buffered whole lines to the file in one go; a failure drops them (counted) and closes the file. */
    private void flush() {
        if (pendingRecords == 0 || out == null) {
            return;
        }
        long records = pendingRecords;
        try {
            writeFully(pending.toByteArray());
            written.addAndGet(records);
        } catch (IOException | RuntimeException e) {
            dropped.addAndGet(records);
            closeFile();
        } finally {
            pending.reset();
            pendingRecords = 0;
        }
    }

    private void writeFully(byte[] b) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b);
        while (buf.hasRemaining()) {
            out.write(buf);
        }
    }

    private void closeFile() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // the lines already counted as written stay counted; nothing else to do on a failing disk
            }
            out = null;
        }
    }
}
