package dev.finerouter.engine.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding them, so a JSON parser can read UTF-8 bytes directly (Jackson's
 * byte parser is much faster than decoding every line into a String first). Handles {@code \n} and {@code \r\n}.
 * The returned line is valid until the next call.
 */
final class ByteLineReader {
    private final InputStream in;
    private byte[] buffer = new byte[1 << 20];
    private int start;
    private int end;
    private boolean eof;
    private int lineStart;
    private int lineLength;

    ByteLineReader(InputStream in) {
        this.in = in;
    }

    /** Advances to the next line; false at the end of the stream. */
    boolean next() throws IOException {
        while (true) {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    lineStart = start;
                    lineLength = i - start;
                    if (lineLength > 0 && buffer[i - 1] == '\r') {
                        lineLength--;
                    }
                    start = i + 1;
                    return true;
                }
            }
            if (eof) {
                if (start < end) {
                    lineStart = start;
                    lineLength = end - start;
                    if (buffer[end - 1] == '\r') {
                        lineLength--;
                    }
                    start = end;
                    return true;
                }
                return false;
            }
            fill();
        }
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }

    /** The bytes of the current line (shared buffer). */
    byte[] buffer() {
        return buffer;
    }

    /** Offset of the current line in {@link #buffer()}. */
    int offset() {
        return lineStart;
    }

    /** Length of the current line, without its line break. */
    int length() {
        return lineLength;
    }

    /** Whether the current line holds only spaces, tabs or carriage returns. */
    boolean isBlank() {
        for (int i = lineStart; i < lineStart + lineLength; i++) {
            byte b = buffer[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
