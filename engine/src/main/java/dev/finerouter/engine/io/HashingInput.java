package dev.finerouter.engine.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A file input stream that computes the SHA-256 of everything read through it (the dataset fingerprint). */
final class HashingInput extends FilterInputStream {
    private final MessageDigest digest;

    private HashingInput(InputStream in, MessageDigest digest) {
        super(new DigestInputStream(in, digest));
        this.digest = digest;
    }

    static HashingInput open(Path file) throws IOException {
        try {
            return new HashingInput(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "file not found");
        }
    }

    private String hex;

    /** The SHA-256 of all bytes read, in lower-case hex; call after reading to the end (later calls return the same). */
    String sha256Hex() {
        if (hex == null) {
            hex = HexFormat.of().formatHex(digest.digest());
        }
        return hex;
    }
}
