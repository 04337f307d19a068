package dev.finerouter.engine.decisionlog;

import dev.finerouter.engine.bundle.BundleManifest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** Short ids and hashes used in the decision log. */
public final class BundleIdentity {
    private BundleIdentity() {
    }

    /**
     * A bundle's content id: the first 12 hex digits of the SHA-256 over its files' names and checksums (sorted), so
     * two copies of the same bundle share it and any retrained or edited bundle gets another.
     */
    public static String id(BundleManifest manifest) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : manifest.files().entrySet()) {
            sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        return sha256Hex(sb.toString()).substring(0, 12);
    }

    /** Hex SHA-256 of a UTF-8 string. */
    public static String sha256Hex(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
